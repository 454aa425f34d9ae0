package io.weir.rules.internal;

import static io.weir.api.AlarmLevel.BLUE;
import static io.weir.api.AlarmLevel.RED;
import static io.weir.api.AlarmLevel.YELLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.weir.api.Quality;
import io.weir.api.QualityReason;
import io.weir.api.Reading;
import io.weir.testing.Configs;

/**
 * Time that cannot be trusted. A reading taken before the clock was synchronised (UNCERTAIN, CLOCK_UNSYNCED), or
 * stamped far in the gateway's future, never raises or escalates a flood alarm. A wall clock stepped by hours either
 * way while readings are trusted leaves the windows holding what fell in the time that really passed.
 */
class ClockTrustTest {

    static final String RIVER = FlashFloodTest.RIVER;
    static final String GAUGE = "62001200/rain-1/rain_counter";
    static final Instant T0 = Instant.parse("2026-07-14T02:00:00Z"); // 10:00 local

    static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    static Reading unsynced(String channel, Instant at, double value, String unit) {
        return new Reading(channel, at, value, unit, Quality.UNCERTAIN, QualityReason.CLOCK_UNSYNCED);
    }

    /** Every kind of flood rule on the river and the gauge, each with a low first level. */
    static RainfallRule floodRules(Replay replay) {
        var o = replay.engine.occurrences();
        replay.engine.register(new ThresholdRule(new ThresholdRuleSpec("river-level", RIVER, Direction.ABOVE,
                Map.of(BLUE, 3.0, RED, 4.5), 0.05, "m"), o));
        replay.engine.register(new ThresholdRule("waterlevel", WaterLevelRuleComponent.spec(Configs.of(
                WaterLevelRuleConfig.class, Map.of("ruleId", "river-stage", "channel", RIVER, "warningLevel", 4.0,
                        "blue", "85% warning", "red", "warning"))), o));
        replay.engine.register(new RateOfRiseRule(new RateOfRiseRule.Spec("river-rise", RIVER, Duration.ofHours(1),
                Map.of(YELLOW, 0.10), 0.02, "m", Debounce.NONE), o));
        return replay.add(new RainfallRule(RainfallRule.Spec.of("rainstorm", GAUGE, RainfallRule.Gauge.counter(),
                RainfallCriteria.of("blue:1h:20", "red:1h:60"), 1, Debounce.NONE, Replay.CHINA), o));
    }

    @Test
    void readingsTakenBeforeTheClockWasSynchronisedRaiseNothing() {
        var replay = new Replay(T0);
        RainfallRule rain = floodRules(replay);
        replay.feed(Reading.good(RIVER, at(0), 2.0, "m"));
        replay.feed(Reading.good(GAUGE, at(0), 100.0, "mm"));
        for (int m = 5; m <= 60; m += 5) { // a river over red and a storm, all stamped by a clock not yet set
            replay.clock.set(at(m));
            replay.engine.onReadings(List.of(unsynced(RIVER, Instant.EPOCH.plusSeconds(60L * m), 2.0 + m / 10.0, "m"),
                    unsynced(GAUGE, Instant.EPOCH.plusSeconds(60L * m), 100.0 + m, "mm")));
        }

        assertThat(replay.events).isEmpty();
        assertThat(rain.rainMm(RainWindow.H1)).isZero();
    }

    @Test
    void aReadingStampedFarInTheFutureRaisesNothingAndFlushesNoWindow() {
        var replay = new Replay(T0);
        RainfallRule rain = floodRules(replay);
        replay.feed(Reading.good(GAUGE, at(0), 100.0, "mm"));
        replay.feed(Reading.good(GAUGE, at(10), 125.0, "mm")); // 25 mm: blue
        replay.feed(Reading.good(RIVER, at(10), 2.0, "m"));
        int before = replay.events.size();

        replay.engine.onReadings(List.of(Reading.good(RIVER, at(3 * 24 * 60), 9.0, "m"),
                Reading.good(GAUGE, at(3 * 24 * 60), 130.0, "mm")));

        assertThat(replay.events).hasSize(before);
        assertThat(rain.rainMm(RainWindow.H1)).isEqualTo(25.0);
    }

    /**
     * Rain read every 5 minutes (3 mm each for 30 minutes, then dry), the wall clock stepped by {@code step} after
     * 30 minutes. Windows must hold what fell in the time that really passed: the reference counts in that time.
     */
    void steppedClock(Duration step) {
        var replay = new Replay(T0);
        RainfallRule rain = floodRules(replay);
        var rains = new ArrayList<Reference.Rain>();
        var elapsed = new ArrayList<Instant>();
        double count = 100.0;
        replay.feed(Reading.good(GAUGE, at(0), count, "mm"));
        for (int m = 5; m <= 120; m += 5) {
            if (m == 35) {
                replay.clock.step(step); // someone sets the clock; the monotonic clock goes on
            }
            Instant stamped = m < 35 ? at(m) : at(m).plus(step);
            if (m <= 30) {
                count += 3;
                rains.add(new Reference.Rain(at(m - 5), at(m), 3.0));
            }
            replay.feed(Reading.good(GAUGE, stamped, count, "mm"));
            elapsed.add(at(m));
            assertThat(rain.rainMm(RainWindow.H1)).as("1 h at %s", at(m)).isCloseTo(Reference.rainIn(rains,
                    at(m).minus(Duration.ofHours(1)), at(m)), within(1e-9));
        }
        // raised at 10:35 (21 mm), cleared when the rain of 10:00-10:30 has left the hour: 11:25 really passed
        var expected = Reference.levels(elapsed, t -> 1.0, new io.weir.api.AlarmLevel[] {BLUE, RED},
                new double[] {20, 60}, (i, l) -> Reference.rainIn(rains, elapsed.get(i).minus(Duration.ofHours(1)),
                        elapsed.get(i)), 0);
        assertThat(Reference.changes(replay.events, "rainstorm")).isEqualTo(expected.stream().map(c ->
                new Reference.Change(c.at().isBefore(at(35)) ? c.at() : c.at().plus(step), c.level())).toList());
    }

    @Test
    void aClockSteppedFiveHoursBackKeepsTheWindows() {
        steppedClock(Duration.ofHours(-5));
    }

    @Test
    void aClockSteppedFiveHoursForwardKeepsTheWindows() {
        steppedClock(Duration.ofHours(5));
    }
}
