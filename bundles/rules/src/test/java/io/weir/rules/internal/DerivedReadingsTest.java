package io.weir.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.weir.api.Reading;
import io.weir.api.ReadingListener;
import io.weir.api.SiteInfo;

/**
 * The rain totals a rainfall rule derives leave the engine component for every other reading listener (store,
 * uplink, console), each once, a broken listener keeping them from none of the others; the engine, which never
 * sees them again, keeps judging only the gauge. (That the engine's own service is filtered out of its listener
 * reference is checked in a real framework by the target platform's GatewayChainIT.)
 */
class DerivedReadingsTest {

    private static final SiteInfo SITE = new SiteInfo("gw-yx-001", "62001200", "Yuxi River Station", 30.2741,
            120.1551);
    private static final String GAUGE = "62001200/rain-1/rain_counter";
    // 09:00 UTC is 17:00 in Beijing: no hydrological day ends among these readings, only hours
    private static final Instant T = Instant.parse("2026-07-14T09:00:00Z");

    private static final class Recorder implements ReadingListener {
        final List<Reading> readings = new ArrayList<>();

        @Override
        public void onReadings(List<Reading> batch) {
            readings.addAll(batch);
        }
    }

    @Test
    void hourlyTotalsGoToEveryOtherListenerOnce() {
        var component = new RuleEngineComponent(RuleEngine.inMemory(
                Clock.fixed(T.plusSeconds(3 * 3600), ZoneOffset.UTC), () -> SITE), false);
        component.engine().register(new RainfallRule(RainfallRule.Spec.of("rain", GAUGE, RainfallRule.Gauge.counter(),
                RainfallCriteria.of("blue:1h:20", "red:1h:60"), 1, Debounce.NONE, Replay.CHINA),
                component.engine().occurrences()));
        var first = new Recorder();
        var second = new Recorder();
        component.addReadingListener(first);
        component.addReadingListener(batch -> {
            throw new IllegalStateException("a broken listener");
        });
        component.addReadingListener(second);

        // 1.0 mm every 10 minutes from 09:00 to 11:00 (the counter in 0.1 mm), then the hour past 11:00 dry
        for (int minute = 0; minute <= 130; minute += 10) {
            double counter = Math.min(minute, 120) / 10.0;
            component.onReadings(List.of(Reading.good(GAUGE, T.plusSeconds(60L * minute), counter, "mm")));
        }

        List<Reading> hourly = first.readings.stream()
                .filter(r -> r.channel().equals(GAUGE + ".rain_1h")).toList();
        assertThat(hourly).extracting(r -> r.timestamp().toString(), r -> r.numeric().getAsDouble())
                .containsExactly(
                        tuple("2026-07-14T10:00:00Z", 6.0),
                        tuple("2026-07-14T11:00:00Z", 6.0));
        assertThat(second.readings).isEqualTo(first.readings);
        assertThat(first.readings).allMatch(r -> r.channel().startsWith(GAUGE + "."),
                "only derived readings: the field readings came from the framework, not from the engine");
        assertThat(component.work().json()).as("readings the engine judged: the gauge's 14, none derived")
                .contains("\"readingsEvaluated\":14,");
    }
}
