package io.weir.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RainGaugeTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Instant T = Instant.parse("2021-07-20T02:00:00Z"); // 10:00 in Zhengzhou

    private static RainGauge counter() {
        return new RainGauge(RainGauge.Source.COUNTER, 0.1, 65536, 300, false, CHINA);
    }

    private static Instant minute(int m) {
        return T.plusSeconds(60L * m);
    }

    @Test
    void countsTheRiseOfTheCounterAndTakesTheFirstCountAsABaseline() {
        RainGauge gauge = counter();
        assertThat(gauge.accept(minute(0), 1234.5).micrometres()).isZero();
        RainGauge.Rain rain = gauge.accept(minute(1), 1235.1);
        assertThat(rain.micrometres()).isEqualTo(600);
        assertThat(rain.sinceMillis()).isEqualTo(minute(0).toEpochMilli());
        assertThat(rain.anomaly()).isEqualTo(RainGauge.Anomaly.NONE);
    }

    @Test
    void aWrapAt65535IsRain() {
        RainGauge gauge = counter();
        gauge.accept(minute(0), 6553.3); // count 65533
        RainGauge.Rain rain = gauge.accept(minute(1), 0.4); // 65533 -> 65535 -> 0 -> 4: 7 tips
        assertThat(rain.micrometres()).isEqualTo(700);
        assertThat(rain.anomaly()).isEqualTo(RainGauge.Anomaly.NONE);
    }

    @Test
    void aDropThatIsNoWrapIsAResetAfterPowerLossNeverNegativeRain() {
        RainGauge gauge = counter();
        gauge.accept(minute(0), 1200.0);
        RainGauge.Rain rain = gauge.accept(minute(1), 0.3);
        assertThat(rain.anomaly()).isEqualTo(RainGauge.Anomaly.RESET);
        assertThat(rain.micrometres()).isEqualTo(300); // the tips since the reset
        assertThat(gauge.accept(minute(2), 0.5).micrometres()).isEqualTo(200);
    }

    @Test
    void aGaugeThatResetsItselfAt0800IsNotFaulty() {
        var gauge = new RainGauge(RainGauge.Source.COUNTER, 0.1, 65536, 300, true, CHINA);
        Instant before = Instant.parse("2021-07-20T23:59:00Z"); // 07:59 local
        gauge.accept(before, 150.0);
        assertThat(gauge.accept(before.plusSeconds(120), 0.2).anomaly()).isEqualTo(RainGauge.Anomaly.NONE);
        assertThat(gauge.accept(before.plusSeconds(7200), 0.0).anomaly()).isEqualTo(RainGauge.Anomaly.RESET);
    }

    @Test
    void anImpossibleJumpIsNoRain() {
        RainGauge gauge = counter();
        gauge.accept(minute(0), 100.0);
        RainGauge.Rain rain = gauge.accept(minute(1), 900.0); // 800 mm in a minute
        assertThat(rain.anomaly()).isEqualTo(RainGauge.Anomaly.JUMP);
        assertThat(rain.micrometres()).isZero();
        assertThat(gauge.accept(minute(2), 900.4).micrometres()).isEqualTo(400); // re-based on the new count
    }

    @Test
    void afterAnOutageTheCounterStillCarriesTheRainThatFell() {
        RainGauge gauge = counter();
        gauge.accept(minute(0), 100.0);
        RainGauge.Rain rain = gauge.accept(minute(180), 160.0); // 60 mm in 3 h: believable
        assertThat(rain.micrometres()).isEqualTo(60_000);
        assertThat(rain.sinceMillis()).isEqualTo(minute(0).toEpochMilli());
    }

    @Test
    void incrementsArePulsesAsMillimetres() {
        var gauge = new RainGauge(RainGauge.Source.INCREMENT, 0, 0, 300, false, CHINA);
        assertThat(gauge.accept(minute(0), 0.4).micrometres()).isEqualTo(400);
        assertThat(gauge.accept(minute(1), -0.2).anomaly()).isEqualTo(RainGauge.Anomaly.INVALID);
        assertThat(gauge.accept(minute(2), 80.0).anomaly()).isEqualTo(RainGauge.Anomaly.JUMP);
    }

    @Provide
    Arbitrary<List<Integer>> counts() {
        return Arbitraries.integers().between(0, 65535).list().ofMinSize(2).ofMaxSize(200);
    }

    @Property(tries = 300)
    void whateverTheCounterDoesRainIsNeverNegative(@ForAll("counts") List<Integer> counts) {
        RainGauge gauge = counter();
        for (int i = 0; i < counts.size(); i++) {
            assertThat(gauge.accept(minute(i), counts.get(i) / 10.0).micrometres()).isNotNegative();
        }
    }
}
