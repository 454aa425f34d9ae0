package io.weir.rules.internal;

import static io.weir.api.AlarmLevel.BLUE;
import static io.weir.api.AlarmLevel.ORANGE;
import static io.weir.api.AlarmLevel.RED;
import static io.weir.api.AlarmLevel.YELLOW;
import static io.weir.api.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmLevel;
import io.weir.api.Reading;

/**
 * Alarm hygiene. Plum-rain (梅雨) showers of 4.8 mm every 70 minutes for two days keep the 12-hour sum swinging
 * between 48.0 and 52.8 mm around blue's 50: with a hysteresis of 1 mm that was one county case per shower. With
 * the documented hysteresis of 10 % of each window's amount and a minimum hold, it is one alarm. A river rising
 * steadily with 2 cm of noise is one rate-of-rise alarm, not one per wobble.
 */
class ChurnTest {

    static final String GAUGE = "62001200/rain-1/rain_counter";
    static final String RIVER = FlashFloodTest.RIVER;
    static final Instant T0 = Instant.parse("2026-06-20T00:00:00Z");

    /** Counter readings every 5 minutes for 60 h; a 4.8 mm shower in every 70th minute for the first 48 h. */
    static List<Reference.Rain> meiyu(Replay replay, List<Instant> times) {
        var rain = new ArrayList<Reference.Rain>();
        long count = 0;
        replay.feed(Reading.good(GAUGE, T0, 0.0, "mm"));
        times.add(T0);
        for (int step = 1; step <= 60 * 12; step++) {
            Instant at = T0.plus(Duration.ofMinutes(5L * step));
            if (step * 5 <= 48 * 60 && (step * 5) % 70 == 0) {
                count += 48;
                rain.add(new Reference.Rain(at.minus(Duration.ofMinutes(5)), at, 4.8));
            }
            replay.feed(Reading.good(GAUGE, at, count / 10.0, "mm"));
            times.add(at);
        }
        return rain;
    }

    @Test
    void showersEverySeventyMinutesAreOneAlarm() {
        var replay = new Replay(T0);
        replay.engine.register(new RainfallRule(new RainfallRule.Spec("rainstorm", GAUGE, RainfallRule.Gauge.counter(),
                RainfallCriteria.CMA_OBSERVED_RAIN, 0, 0.10, Debounce.ofSeconds(0, 0, 3 * 3600), Replay.CHINA,
                Duration.ofHours(6), Duration.ofHours(2), true), replay.engine.occurrences()));
        var times = new ArrayList<Instant>();
        List<Reference.Rain> rain = meiyu(replay, times);

        AlarmLevel[] levels = {BLUE, YELLOW, ORANGE, RED};
        List<Reference.Change> expected = Reference.levels(times, amount -> 0.10 * amount, levels,
                new double[] {50, 50, 50, 100}, (i, l) -> {
                    RainWindow[] windows = {RainWindow.H12, RainWindow.H6, RainWindow.H3, RainWindow.H3};
                    return Reference.rainIn(rain, times.get(i).minus(windows[l].duration()), times.get(i));
                }, 3 * 60);
        assertThat(expected).extracting(Reference.Change::level).containsExactly(BLUE, null);
        assertThat(Reference.changes(replay.events, "rainstorm")).isEqualTo(expected);
    }

    @Test
    void withAOneMillimetreHysteresisTheSameShowersWereAnAlarmEachTime() {
        var replay = new Replay(T0);
        replay.engine.register(new RainfallRule(RainfallRule.Spec.of("rainstorm", GAUGE, RainfallRule.Gauge.counter(),
                RainfallCriteria.CMA_OBSERVED_RAIN, 1, new Debounce(Duration.ZERO, Duration.ofMinutes(30)),
                Replay.CHINA), replay.engine.occurrences()));
        meiyu(replay, new ArrayList<>());

        assertThat(replay.events).filteredOn(e -> e.transition() == RAISED).hasSizeGreaterThan(20);
    }

    @Test
    void aNoisySteadyRiseIsOneRateOfRiseAlarm() {
        var replay = new Replay(T0);
        replay.engine.register(new RateOfRiseRule(new RateOfRiseRule.Spec("river-rise", RIVER,
                RateOfRiseRule.Sense.RISE, Duration.ofHours(1), Map.of(YELLOW, 0.10, RED, 0.50), 0.02, "m",
                Debounce.ofSeconds(0, 0, 3600), Duration.ofHours(2)), replay.engine.occurrences()));
        var random = new SplittableRandom(20260620);
        var times = new ArrayList<Instant>();
        var values = new ArrayList<Double>();
        for (int step = 0; step <= 8 * 12; step++) { // 12 cm/h for 5 h, then the crest and a slow fall
            Instant at = T0.plus(Duration.ofMinutes(5L * step));
            double hours = step / 12.0;
            double river = 2.0 + (hours <= 5 ? 0.12 * hours : 0.6 - 0.03 * (hours - 5));
            double reading = Math.round((river + random.nextDouble(-0.01, 0.01)) * 1000) / 1000.0;
            replay.feed(Reading.good(RIVER, at, reading, "m"));
            times.add(at);
            values.add(reading);
        }

        List<Reference.Change> expected = Reference.levels(times, t -> 0.02, new AlarmLevel[] {YELLOW, RED},
                new double[] {0.10, 0.50}, (i, l) -> Reference.fittedChange(times, values,
                        times.get(i).minus(Duration.ofHours(1)), times.get(i)), 60);
        assertThat(Reference.changes(replay.events, "river-rise")).isEqualTo(expected);
        assertThat(replay.events).filteredOn(e -> e.transition() == RAISED).extracting(AlarmEvent::level)
                .containsExactly(YELLOW);
    }
}
