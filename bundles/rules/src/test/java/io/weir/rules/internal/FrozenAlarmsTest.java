package io.weir.rules.internal;

import static io.weir.api.AlarmLevel.BLUE;
import static io.weir.api.AlarmLevel.FAULT;
import static io.weir.api.AlarmLevel.ORANGE;
import static io.weir.api.AlarmLevel.RED;
import static io.weir.api.AlarmLevel.YELLOW;
import static io.weir.api.AlarmTransition.CLEARED;
import static io.weir.api.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmLevel;
import io.weir.api.Reading;

/**
 * Alarms must not freeze. A fault rule on a rain counter finds it "stuck" in dry weather: its flagged readings
 * still move the windows on, so the rain alarm clears when the rain leaves them. A gauge that stops reporting makes
 * its windows follow the clock after {@code staleAfter}: the alarm falls as its rain ages, and every event it
 * makes then says STALE.
 */
class FrozenAlarmsTest {

    static final String GAUGE = "62001200/rain-1/rain_counter";
    static final Instant T0 = Instant.parse("2026-07-14T00:00:00Z"); // 08:00 local
    static final AlarmLevel[] LEVELS = {BLUE, YELLOW, ORANGE, RED};
    static final RainWindow[] WINDOWS = {RainWindow.H12, RainWindow.H6, RainWindow.H3, RainWindow.H3};
    static final double[] AMOUNTS = {50, 50, 50, 100};

    static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    static void rainstorm(Replay replay) {
        replay.engine.register(new RainfallRule(new RainfallRule.Spec("rainstorm", GAUGE, RainfallRule.Gauge.counter(),
                RainfallCriteria.CMA_OBSERVED_RAIN, 0, 0.10, Debounce.ofSeconds(0, 0, 3 * 3600), Replay.CHINA,
                Duration.ofHours(6), Duration.ofHours(2), true), replay.engine.occurrences()));
    }

    /** 1.5 mm every 5 minutes from 08:00 to 11:00 (54 mm), read every 5 minutes. */
    static List<Reference.Rain> storm(Replay replay, List<Instant> times) {
        var rain = new ArrayList<Reference.Rain>();
        replay.feed(Reading.good(GAUGE, at(0), 0.0, "mm"));
        times.add(at(0));
        for (int m = 5; m <= 180; m += 5) {
            replay.feed(Reading.good(GAUGE, at(m), m / 5 * 1.5, "mm"));
            times.add(at(m));
            rain.add(new Reference.Rain(at(m - 5), at(m), 1.5));
        }
        return rain;
    }

    static List<Reference.Change> expected(List<Reference.Rain> rain, List<Instant> times) {
        return Reference.levels(times, amount -> 0.10 * amount, LEVELS, AMOUNTS, (i, l) -> Reference.rainIn(rain,
                times.get(i).minus(WINDOWS[l].duration()), times.get(i)), 3 * 60);
    }

    @Test
    void aStuckFlagOnARainCounterInDryWeatherDoesNotFreezeTheWindows() {
        var replay = new Replay(T0);
        replay.engine.register(new FaultRule(new FaultRule.Spec("rain-health", GAUGE, Duration.ZERO, 0, 6553.5,
                Double.NaN, 0, Duration.ofHours(6), 0, Debounce.NONE), replay.engine.occurrences()));
        rainstorm(replay);
        var times = new ArrayList<Instant>();
        List<Reference.Rain> rain = storm(replay, times);
        for (int m = 185; m <= 30 * 60; m += 5) { // dry: the counter stays at 54.0 for the next 27 hours
            replay.feed(Reading.good(GAUGE, at(m), 54.0, "mm"));
            times.add(at(m));
        }

        assertThat(Reference.changes(replay.events, "rainstorm")).isEqualTo(expected(rain, times))
                // 20:35 local: the 12 h sum falls to 43.5 mm, under blue's 50 mm less 10 %
                .last().isEqualTo(new Reference.Change(at(12 * 60 + 35), null));
        assertThat(replay.events).filteredOn(e -> e.level() == FAULT).extracting(AlarmEvent::transition,
                AlarmEvent::reason).containsExactly(tuple(RAISED, "STUCK"));
    }

    @Test
    void aSilentGaugeMakesItsWindowsFollowTheClockAndItsAlarmSaysStale() {
        var replay = new Replay(T0);
        rainstorm(replay);
        var times = new ArrayList<Instant>();
        List<Reference.Rain> rain = storm(replay, times);
        int firstStale = 180 + 120;
        for (int m = 185; m <= 30 * 60; m += 5) { // no reading after 11:00; the engine ticks on
            replay.clock.set(at(m));
            replay.engine.tick();
            if (m >= firstStale) {
                times.add(at(m));
            }
        }

        List<Reference.Change> expected = expected(rain, times);
        assertThat(Reference.changes(replay.events, "rainstorm")).isEqualTo(expected);
        assertThat(expected.get(expected.size() - 1)).isEqualTo(new Reference.Change(at(12 * 60 + 35), null));
        assertThat(replay.events).filteredOn(e -> !e.timestamp().isBefore(at(firstStale)))
                .isNotEmpty().allSatisfy(e -> assertThat(e.reason()).isEqualTo("STALE"));
        assertThat(replay.events).filteredOn(e -> e.timestamp().isBefore(at(firstStale)))
                .allSatisfy(e -> assertThat(e.reason()).isNull());
    }

    @Test
    void aLevelRuleWithStaleAfterClearsItsAlarmSayingStale() {
        var replay = new Replay(T0);
        String river = FlashFloodTest.RIVER;
        replay.engine.register(new ThresholdRule(new ThresholdRuleSpec("river-level", river, Direction.ABOVE,
                Map.of(ORANGE, 4.0), 0.05, "m", Debounce.NONE, List.of(), Replay.CHINA, Duration.ofHours(1)),
                replay.engine.occurrences()));
        replay.feed(Reading.good(river, at(0), 4.2, "m"));
        for (int m = 5; m <= 90; m += 5) {
            replay.clock.set(at(m));
            replay.engine.tick();
        }

        assertThat(replay.events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::timestamp,
                AlarmEvent::reason).containsExactly(tuple(RAISED, ORANGE, at(0), null),
                tuple(CLEARED, ORANGE, at(60), "STALE"));
    }
}
