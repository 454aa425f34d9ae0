package io.weir.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The writer's output read back by the strict reader, and what each of them refuses. */
class ExpositionTest {

    @Test
    void familiesAreWrittenOnceWithHelpTypeAndEscapedLabels() {
        Exposition out = new Exposition();
        out.counter("weir_x_total", "a help\nwith a line break").add(3, "device", "a\"b\\c\nd");
        out.gauge("weir_y", "y").add(1.5);
        out.counter("weir_x_total", "ignored second help").add(4, "device", "other");

        String text = out.text();
        assertThat(text).startsWith("# HELP weir_x_total a help\\nwith a line break\n# TYPE weir_x_total counter\n");
        assertThat(text).contains("weir_x_total{device=\"a\\\"b\\\\c\\nd\"} 3\n").contains("weir_y 1.5\n");
        Scrape scrape = Scrape.parse(text);
        assertThat(scrape.family("weir_x_total").orElseThrow().samples()).hasSize(2);
        assertThat(scrape.value("weir_x_total", Map.of("device", "a\"b\\c\nd"))).contains(3.0);
        assertThat(scrape.family("weir_y").orElseThrow().type()).isEqualTo(MetricType.GAUGE);
    }

    @Test
    void aHistogramHasCumulativeBucketsEndingInInfEqualToItsCount() {
        Histogram h = new Histogram(0.1, 1, 10);
        for (double v : new double[] {0.05, 0.1, 0.5, 2, 50}) {
            h.observe(v);
        }
        Exposition out = new Exposition();
        out.family("weir_latency_seconds", MetricType.HISTOGRAM, "latency").add(h.snapshot(), "kind", "case");
        Scrape scrape = Scrape.parse(out.text());

        assertThat(scrape.value("weir_latency_seconds_bucket", Map.of("kind", "case", "le", "0.1"))).contains(2.0);
        assertThat(scrape.value("weir_latency_seconds_bucket", Map.of("kind", "case", "le", "1"))).contains(3.0);
        assertThat(scrape.value("weir_latency_seconds_bucket", Map.of("kind", "case", "le", "+Inf"))).contains(5.0);
        assertThat(scrape.value("weir_latency_seconds_count", Map.of("kind", "case"))).contains(5.0);
        assertThat(scrape.value("weir_latency_seconds_sum", Map.of("kind", "case")).orElseThrow())
                .isCloseTo(52.65, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void badNamesTypesAndRepeatsAreRefusedWhenWritten() {
        Exposition out = new Exposition();
        assertThatThrownBy(() -> out.counter("weir-x", "")).hasMessageContaining("not a metric name");
        out.counter("weir_a_total", "").add(1, "l", "v");
        assertThatThrownBy(() -> out.gauge("weir_a_total", "")).hasMessageContaining("is a counter");
        assertThatThrownBy(() -> out.counter("weir_a_total", "").add(2, "l", "v")).hasMessageContaining("twice");
        assertThatThrownBy(() -> out.counter("weir_a_total", "").add(2, "1l", "v"))
                .hasMessageContaining("not a label name");
        assertThatThrownBy(() -> out.counter("weir_a_total", "").add(2, "odd")).hasMessageContaining("pairs");
    }

    @Test
    void theReaderRefusesWhatPrometheusWouldRefuse() {
        assertThatThrownBy(() -> Scrape.parse("weir_a 1\n")).hasMessageContaining("line 1").hasMessageContaining("TYPE");
        assertThatThrownBy(() -> Scrape.parse("# TYPE weir_a gauge\nweir_a 1\nweir_a 2\n"))
                .hasMessageContaining("line 3").hasMessageContaining("twice");
        assertThatThrownBy(() -> Scrape.parse("# TYPE weir_a gauge\nweir_a{x=\"1} 1\n")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> Scrape.parse("# TYPE weir_a gauge\nweir_a one\n")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> Scrape.parse("# TYPE weir_a meter\n")).hasMessageContaining("not a metric type");
        assertThatThrownBy(() -> Scrape.parse("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\n"
                + "h_count 1\nh_sum 1\n")).hasMessageContaining("grow");
        assertThat(Scrape.parse("# a comment\n# TYPE weir_a gauge\nweir_a NaN 1700000000000\n").value("weir_a",
                Map.of())).hasValueSatisfying(v -> assertThat(v).isNaN());
    }
}
