package io.weir.simulator.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RadarLevelGaugeTest {

    private final RadarLevelGauge gauge = new RadarLevelGauge(1, 30, 800, 2100);

    @Test
    void airGapIsInstallationHeightMinusWaterLevel() {
        gauge.setWaterLevelMm(4150);

        assertThat(gauge.airGapMm()).isEqualTo(800 * 10 - 4150);
        assertThat(gauge.waterLevelMm()).isEqualTo(4150);
    }

    @Test
    void remountingKeepsTheLevelTrue() {
        gauge.setInstallationHeightCm(650);

        assertThat(gauge.waterLevelMm()).isEqualTo(2100);
        assertThat(gauge.airGapMm()).isEqualTo(6500 - 2100);
    }

    @Test
    void misconfiguredHeightShiftsTheReportedLevel() {
        gauge.configureInstallationHeightCm(790);

        assertThat(gauge.airGapMm()).isEqualTo(5900);
        assertThat(gauge.waterLevelMm()).isEqualTo(2000);
    }

    @Test
    void submergedSensorSeesNoAirGap() {
        gauge.setWaterLevelMm(8200);

        assertThat(gauge.airGapMm()).isZero();
        assertThat(gauge.waterLevelMm()).isEqualTo(8000);
    }

    @Test
    void outOfRangeValuesAreRefused() {
        assertThatThrownBy(() -> gauge.setWaterLevelMm(-1)).hasMessageContaining("water level");
        assertThatThrownBy(() -> gauge.setWaterLevelMm(65_536)).hasMessageContaining("water level");
        assertThatThrownBy(() -> gauge.configureInstallationHeightCm(0)).hasMessageContaining("installation height");
    }
}
