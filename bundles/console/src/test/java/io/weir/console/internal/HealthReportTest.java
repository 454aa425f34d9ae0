package io.weir.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class HealthReportTest {

    @Test
    void aHealthyRuntimeSaysSoInOneLine() {
        var report = new HealthReport(14, List.of(), 9, 9, List.of(), List.of("io.weir.rules.Threshold"),
                List.of());
        assertThat(report.healthy()).isTrue();
        assertThat(report.summary()).isEqualTo("runtime healthy: 14/14 bundles ACTIVE, 9/9 DS components satisfied; "
                + "waiting for configuration: io.weir.rules.Threshold");
    }

    @Test
    void namesWhatIsWrong() {
        var report = new HealthReport(14, List.of("io.weir.modbus (RESOLVED)"), 9, 8,
                List.of("io.weir.uplink (missing site)"), List.of(), List.of());
        assertThat(report.healthy()).isFalse();
        assertThat(report.summary()).contains("13/14 bundles ACTIVE", "8/9 DS components",
                "io.weir.modbus (RESOLVED)", "io.weir.uplink (missing site)");
    }

    @Test
    void aConcernFromTheFieldMakesItUnhealthyAndComesFirst() {
        var report = new HealthReport(14, List.of(), 9, 9, List.of(), List.of(),
                List.of("device radar-1 (unit 1 on tcp://10.0.0.5:502) is not answering (3 or more polls in a row)"));
        assertThat(report.healthy()).isFalse();
        assertThat(report.summary()).startsWith("runtime NOT healthy: device radar-1");
        assertThat(LocalApi.healthJson(report)).contains("\"healthy\":false", "\"problems\":[\"device radar-1");
    }
}
