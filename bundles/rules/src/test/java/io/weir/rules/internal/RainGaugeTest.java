package io.weir.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RainGaugeTest {

    private static final HydroCalendar CALENDAR = new HydroCalendar(Replay.CHINA);
    private static final long T = Instant.parse("2021-07-20T02:00:00Z").toEpochMilli(); // 10:00 in Zhengzhou

    private static RainGauge counter() {
        return new RainGauge(RainGauge.Source.COUNTER, 0.1, 65536, 300, false, CALENDAR, null);
    }

    private static long minute(long m) {
        return T + 60_000L * m;
    }

    @Test
    void countsTheRiseOfTheCounterOverTheTimeSinceTheLastCountAndTakesTheFirstAsABaseline() {
        RainGauge gauge = counter();
        assertThat(gauge.accept(minute(0), 1234.5, true).hasInterval()).isFalse();
        RainGauge.Rain rain = gauge.accept(minute(1), 1235.1, true);
        assertThat(rain.micrometres()).isEqualTo(600);
        assertThat(rain.fromMillis()).isEqualTo(minute(0));
        assertThat(rain.toMillis()).isEqualTo(minute(1));
        assertThat(rain.anomaly()).isEqualTo(RainGauge.Anomaly.NONE);
        assertThat(rain.doubtful()).isFalse();
    }

    @Test
    void aWrapAt65535IsRain() {
        RainGauge gauge = counter();
        gauge.accept(minute(0), 6553.3, true); // count 65533
        RainGauge.Rain rain = gauge.accept(minute(1), 0.4, true); // 65533 -> 65535 -> 0 -> 4: 7 tips
        assertThat(rain.micrometres()).isEqualTo(700);
        assertThat(rain.anomaly()).isEqualTo(RainGauge.Anomaly.NONE);
    }

    @Test
    void aDropThatIsNoWrapIsARestartNeverNegativeRain() {
        RainGauge gauge = counter();
        gauge.accept(minute(0), 1200.0, true);
        RainGauge.Rain rain = gauge.accept(minute(1), 0.3, true);
        assertThat(rain.anomaly()).isEqualTo(RainGauge.Anomaly.RESET);
        assertThat(rain.micrometres()).isEqualTo(300); // the tips since the restart
        assertThat(gauge.accept(minute(2), 0.5, true).micrometres()).isEqualTo(200);
    }

    @Test
    void afterADayWithoutDataADropIsARestartEvenThoughAWrapWouldFitTheOldHourlyLimit() {
        // 21.8 h at 300 mm/h would allow a wrap (6,254.9 mm); the records' envelope allows about 1,300 mm
        RainGauge gauge = counter();
        gauge.accept(minute(0), 300.0, true);
        RainGauge.Rain rain = gauge.accept(minute(0) + Duration.ofMinutes(1308).toMillis(), 0.4, true);
        assertThat(rain.anomaly()).isEqualTo(RainGauge.Anomaly.RESET);
        assertThat(rain.micrometres()).isEqualTo(400);
        assertThat(rain.fromMillis()).isEqualTo(minute(0)); // when in the outage it fell, nobody knows
    }

    @Test
    void aGaugeThatResetsItselfAt0800IsNotFaultyAndItsCountIsTheRainSince0800() {
        var gauge = new RainGauge(RainGauge.Source.COUNTER, 0.1, 65536, 300, true, CALENDAR, null);
        long before = Instant.parse("2021-07-20T23:30:00Z").toEpochMilli(); // 07:30 local
        long reset = Instant.parse("2021-07-21T00:00:00Z").toEpochMilli();  // 08:00 local
        gauge.accept(before, 150.0, true);
        RainGauge.Rain rain = gauge.accept(before + Duration.ofHours(1).toMillis(), 0.2, true); // 08:30
        assertThat(rain.anomaly()).isEqualTo(RainGauge.Anomaly.NONE);
        assertThat(rain.fromMillis()).isEqualTo(reset);
        assertThat(gauge.accept(before + Duration.ofHours(3).toMillis(), 0.0, true).anomaly())
                .isEqualTo(RainGauge.Anomaly.RESET); // 10:30: no 08:00 in between
    }

    @Test
    void believableRainFollowsTheRecordsEnvelopeFromTheHourlyRate() {
        RainGauge gauge = counter();
        assertThat(gauge.believableMm(Duration.ofHours(1).toMillis())).isEqualTo(300.0);
        assertThat(gauge.believableMm(Duration.ofMinutes(1).toMillis())).isCloseTo(42.9, within(0.1));
        assertThat(gauge.believableMm(Duration.ofMinutes(5).toMillis())).isCloseTo(92.2, within(0.1));
        assertThat(gauge.believableMm(Duration.ofHours(24).toMillis())).isCloseTo(1357.4, within(0.1));
    }

    @Test
    void anUnbelievableRiseIsClampedAndFlaggedNeverDropped() {
        RainGauge gauge = counter();
        gauge.accept(minute(0), 100.0, true);
        RainGauge.Rain rain = gauge.accept(minute(1), 900.0, true); // 800 mm in a minute
        assertThat(rain.doubtful()).isTrue();
        assertThat(rain.micrometres()).isEqualTo(Math.round(gauge.believableMm(60_000) * 1000));
        assertThat(gauge.accept(minute(2), 900.4, true).micrometres()).isEqualTo(400); // the count is the count
    }

    @Test
    void afterAnOutageTheCounterStillCarriesTheRainThatFell() {
        RainGauge gauge = counter();
        gauge.accept(minute(0), 100.0, true);
        RainGauge.Rain rain = gauge.accept(minute(180), 160.0, true); // 60 mm in 3 h: believable
        assertThat(rain.micrometres()).isEqualTo(60_000);
        assertThat(rain.fromMillis()).isEqualTo(minute(0));
    }

    @Test
    void aCountTakenBeforeTheClockWasSynchronisedAddsNothingAndTheNextTrustedCountHasItsRain() {
        RainGauge gauge = counter();
        gauge.accept(minute(0), 100.0, true);
        assertThat(gauge.accept(0, 103.0, false).hasInterval()).isFalse(); // a clock at 1970
        RainGauge.Rain rain = gauge.accept(minute(10), 104.0, true);
        assertThat(rain.micrometres()).isEqualTo(4_000);
        assertThat(rain.fromMillis()).isEqualTo(minute(0));
    }

    @Test
    void incrementsArePulsesAsMillimetresAndUntrustedOnesAreCarried() {
        var gauge = new RainGauge(RainGauge.Source.INCREMENT, 0, 0, 300, false, CALENDAR, null);
        assertThat(gauge.accept(minute(0), 0.4, true).micrometres()).isEqualTo(400);
        assertThat(gauge.accept(minute(1), -0.2, true).anomaly()).isEqualTo(RainGauge.Anomaly.INVALID);
        assertThat(gauge.accept(0, 0.6, false).hasInterval()).isFalse();
        RainGauge.Rain rain = gauge.accept(minute(2), 0.2, true);
        assertThat(rain.micrometres()).isEqualTo(800);
        assertThat(rain.fromMillis()).isEqualTo(minute(0));
    }

    @Test
    void anIntervalReadingCoversTheIntervalEndingAtItsTime() {
        var gauge = new RainGauge(RainGauge.Source.INTERVAL, 0, 0, 300, false, CALENDAR, Duration.ofMinutes(5));
        RainGauge.Rain rain = gauge.accept(minute(5), 0.5, true);
        assertThat(rain.micrometres()).isEqualTo(500);
        assertThat(rain.fromMillis()).isEqualTo(minute(0));
        assertThat(rain.toMillis()).isEqualTo(minute(5));
    }

    @Provide
    Arbitrary<List<Integer>> counts() {
        return Arbitraries.integers().between(0, 65535).list().ofMinSize(2).ofMaxSize(200);
    }

    @Property(tries = 300)
    void whateverTheCounterDoesRainIsNeverNegative(@ForAll("counts") List<Integer> counts) {
        RainGauge gauge = counter();
        for (int i = 0; i < counts.size(); i++) {
            assertThat(gauge.accept(minute(i), counts.get(i) / 10.0, true).micrometres()).isNotNegative();
        }
    }
}
