package io.weir.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class HealthReportTest {

    @Test
    void aHealthyRuntimeSaysSoInOneLine() {
        var report = new HealthReport(14, List.of(), 9, 9, List.of(), List.of("io.weir.rules.Threshold"));
        assertThat(report.healthy()).isTrue();
        assertThat(report.summary()).isEqualTo("runtime healthy: 14/14 bundles ACTIVE, 9/9 DS components satisfied; "
                + "waiting for configuration: io.weir.rules.Threshold");
    }

    @Test
    void namesWhatIsWrong() {
        var report = new HealthReport(14, List.of("io.weir.modbus (RESOLVED)"), 9, 8,
                List.of("io.weir.uplink (missing site)"), List.of());
        assertThat(report.healthy()).isFalse();
        assertThat(report.summary()).contains("13/14 bundles ACTIVE", "8/9 DS components",
                "io.weir.modbus (RESOLVED)", "io.weir.uplink (missing site)");
    }
}
