package io.weir.simulator.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TippingBucketRainGaugeTest {

    private final TippingBucketRainGauge gauge = new TippingBucketRainGauge();

    @Test
    void rainBelowOneTipWaitsInTheBucket() {
        gauge.addRainMm(0.05);
        assertThat(gauge.tipCounter()).isZero();

        gauge.addRainMm(0.05);
        assertThat(gauge.tipCounter()).isEqualTo(1);
    }

    @Test
    void manySmallAdditionsDoNotDrift() {
        for (int i = 0; i < 10_000; i++) {
            gauge.addRainMm(0.1);
        }

        assertThat(gauge.tipCounter()).isEqualTo(10_000);
    }

    @Test
    void counterWrapsFrom65535ToZero() {
        gauge.setTipCounter(65_535);
        gauge.addRainMm(0.1);

        assertThat(gauge.tipCounter()).isZero();
    }

    @Test
    void negativeRainIsRefused() {
        assertThatThrownBy(() -> gauge.addRainMm(-0.1)).hasMessageContaining("rain");
        assertThatThrownBy(() -> gauge.addRainMm(Double.NaN)).hasMessageContaining("rain");
    }
}
