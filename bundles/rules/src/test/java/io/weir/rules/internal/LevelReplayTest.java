package io.weir.rules.internal;

import static io.weir.api.AlarmLevel.BLUE;
import static io.weir.api.AlarmLevel.FAULT;
import static io.weir.api.AlarmLevel.ORANGE;
import static io.weir.api.AlarmLevel.RED;
import static io.weir.api.AlarmLevel.YELLOW;
import static io.weir.api.AlarmTransition.CLEARED;
import static io.weir.api.AlarmTransition.DEESCALATED;
import static io.weir.api.AlarmTransition.ESCALATED;
import static io.weir.api.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.weir.api.AlarmEvent;
import io.weir.api.Reading;
import io.weir.testing.Configs;

/** River and reservoir series replayed through the engine, with the fault rules in front of the level rules. */
class LevelReplayTest {

    static final Instant T0 = Instant.parse("2026-07-14T00:00:00Z"); // 08:00 local
    static final String RIVER = "62001200/radar-1/water_level";
    static final String DAM = "62001300/level-1/water_level";

    static Instant at(int step) {
        return T0.plus(Duration.ofMinutes(5L * step)); // field RTUs sample level every 5 minutes
    }

    static void feed(Replay replay, String channel, double... values) {
        for (int i = 0; i < values.length; i++) {
            replay.feed(Reading.good(channel, at(i), values[i], "m"));
        }
    }

    /** warning 4.0 m, guaranteed 5.2 m: blue at 85 % of warning, yellow 95 %, orange at warning, red guaranteed. */
    static ThresholdRule riverLevels(Replay replay, long clearAfterSeconds) {
        Map<String, Object> config = new HashMap<>(Map.of("ruleId", "river-stage", "channel", RIVER,
                "warningLevel", 4.0, "guaranteedLevel", 5.2, "blue", "85% warning", "yellow", "95% warning",
                "orange", "warning", "red", "guaranteed", "hysteresis", 0.05, "unit", "m"));
        config.put("clearAfterSeconds", clearAfterSeconds);
        ThresholdRuleSpec spec = WaterLevelRuleComponent.spec(Configs.of(WaterLevelRuleConfig.class, config));
        var rule = new ThresholdRule("waterlevel", spec, replay.engine.occurrences());
        replay.engine.register(rule);
        return rule;
    }

    static void riverFaults(Replay replay) {
        replay.engine.register(new FaultRule(new FaultRule.Spec("river-sensor", RIVER, Duration.ofMinutes(30), 0,
                12, 20, 0.02, Duration.ofHours(6), 0.001, Debounce.NONE), replay.engine.occurrences()));
    }

    @Test
    void aRiverHydrographPastTheWarningLevelAndReceding() {
        var replay = new Replay(T0);
        riverFaults(replay);
        riverLevels(replay, 15 * 60);
        replay.engine.register(new RateOfRiseRule(new RateOfRiseRule.Spec("river-rise", RIVER, Duration.ofHours(1),
                Map.of(YELLOW, 0.10, RED, 0.50), 0.02, "m", Debounce.NONE), replay.engine.occurrences()));

        feed(replay, RIVER,
                3.00, 3.05, 3.10, 3.18, 3.26, 3.35,   // 0-5
                3.41,                                 // 6: 3.41 >= 3.40 (85 % of warning)
                3.50, 3.62, 3.74,
                3.81,                                 // 10: >= 3.80 (95 %)
                3.90, 3.97,
                4.02,                                 // 13: past the warning level
                4.06, 4.08, 4.07,                     // 14-16: crest
                3.99, 3.96,                           // 17-18: within hysteresis, then 0.04 under
                3.94,                                 // 19: 0.06 under warning: the 15-minute hold starts
                3.93, 3.90,                           // 20-21: still under
                3.88,                                 // 22: held 15 minutes -> yellow
                3.80, 3.74, 3.70, 3.66, 3.60, 3.50,   // 23-28
                3.40, 3.34,                           // 29 under 3.75 since 24; 30 under 3.35
                3.30, 3.25, 3.20, 3.15);              // 31-34

        assertThat(replay.events).extracting(AlarmEvent::ruleId, AlarmEvent::transition, AlarmEvent::level,
                AlarmEvent::timestamp, AlarmEvent::threshold).containsExactly(
                tuple("river-rise", RAISED, YELLOW, at(2), 0.10),        // 3.00 -> 3.10 within the hour
                tuple("river-stage", RAISED, BLUE, at(6), 3.4),
                tuple("river-rise", ESCALATED, RED, at(7), 0.50),        // 3.00 -> 3.50
                tuple("river-stage", ESCALATED, YELLOW, at(10), 3.8),
                tuple("river-stage", ESCALATED, ORANGE, at(13), 4.0),
                tuple("river-rise", DEESCALATED, YELLOW, at(19), 0.10),  // 3.50 -> 3.94: 0.44 < 0.48
                tuple("river-stage", DEESCALATED, YELLOW, at(22), 3.8),  // under 3.95 since 19, held 15 min
                tuple("river-rise", CLEARED, YELLOW, at(22), 0.10),      // 3.81 -> 3.88: 0.07 < 0.08
                tuple("river-stage", DEESCALATED, BLUE, at(27), 3.4),    // under 3.75 since 24
                tuple("river-stage", CLEARED, BLUE, at(33), 3.4));
    }

    @Test
    void aReservoirFillingPastItsFloodLimitLevel() {
        var replay = new Replay(T0);
        // flood-limit level 102.5 m over a bed at 80.0 m: yellow at 95 % (101.375 m), orange at the limit
        ThresholdRuleSpec spec = WaterLevelRuleComponent.spec(Configs.of(WaterLevelRuleConfig.class, Map.of(
                "ruleId", "dam-level", "channel", DAM, "datum", 80.0, "floodLimitLevel", 102.5,
                "yellow", "95% floodLimit", "orange", "floodLimit", "hysteresis", 0.1, "unit", "m")));
        replay.engine.register(new ThresholdRule("waterlevel", spec, replay.engine.occurrences()));

        feed(replay, DAM, 101.0, 101.2, 101.36,
                101.38,   // 3: past 101.375
                101.9, 102.3,
                102.5,    // 6: at the limit
                102.7, 102.6,
                102.45,   // 9: within the hysteresis
                102.39,   // 10: 0.11 under the limit
                101.8,
                101.27);  // 12: 0.105 under 95 %

        assertThat(replay.events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::timestamp,
                AlarmEvent::threshold).containsExactly(
                tuple(RAISED, YELLOW, at(3), 101.375),
                tuple(ESCALATED, ORANGE, at(6), 102.5),
                tuple(DEESCALATED, YELLOW, at(10), 101.375),
                tuple(CLEARED, YELLOW, at(12), 101.375));
    }

    @Test
    void aSpikeOfSeveralMetresRaisesAFaultAndNoFloodAlarm() {
        var replay = new Replay(T0);
        riverFaults(replay);
        riverLevels(replay, 0);
        replay.engine.register(new RateOfRiseRule(new RateOfRiseRule.Spec("river-rise", RIVER, Duration.ofHours(1),
                Map.of(YELLOW, 0.10), 0.02, "m", Debounce.NONE), replay.engine.occurrences()));

        feed(replay, RIVER, 2.10, 2.11, 9.85, 2.12, 2.12, 11.9, 2.13);

        assertThat(replay.events).extracting(AlarmEvent::ruleId, AlarmEvent::transition, AlarmEvent::level,
                AlarmEvent::timestamp, AlarmEvent::value, AlarmEvent::reason).containsExactly(
                tuple("river-sensor", RAISED, FAULT, at(2), 9.85, "SPIKE"),
                tuple("river-sensor", CLEARED, FAULT, at(3), 2.12, null),
                tuple("river-sensor", RAISED, FAULT, at(5), 11.9, "SPIKE"),
                tuple("river-sensor", CLEARED, FAULT, at(6), 2.13, null));
    }

    @Test
    void aStuckGaugeRaisesAFaultAndItsFrozenHighValueRaisesNoFloodAlarm() {
        var replay = new Replay(T0);
        replay.engine.register(new FaultRule(new FaultRule.Spec("river-sensor", RIVER, Duration.ZERO, 0, 12, 20,
                0.02, Duration.ofMinutes(30), 0.001, Debounce.NONE), replay.engine.occurrences()));
        riverLevels(replay, 0);

        // the float jams at 3.30 m; a reading past the warning level then arrives while the channel is stuck
        double[] series = new double[12];
        java.util.Arrays.fill(series, 3.30);
        feed(replay, RIVER, series);
        replay.feed(Reading.good(RIVER, at(12), 3.30, "m"));

        assertThat(replay.events).extracting(AlarmEvent::ruleId, AlarmEvent::transition, AlarmEvent::level,
                AlarmEvent::timestamp, AlarmEvent::reason).containsExactly(
                tuple("river-sensor", RAISED, FAULT, at(6), "STUCK"));
    }

    @Test
    void noDataForHalfAnHourRaisesAFaultThatClearsWithTheNextReading() {
        var replay = new Replay(T0);
        riverFaults(replay);
        replay.feed(Reading.good(RIVER, at(0), 3.0, "m"));
        replay.clock.set(at(5));
        replay.engine.tick();
        replay.clock.set(at(6));
        replay.engine.tick();
        replay.feed(Reading.good(RIVER, at(9), 3.01, "m"));

        assertThat(replay.events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::timestamp,
                AlarmEvent::window, AlarmEvent::reason).containsExactly(
                tuple(RAISED, FAULT, at(6), Duration.ofMinutes(30), "NO_DATA"),
                tuple(CLEARED, FAULT, at(9), null, null));
    }

    @Test
    void aCounterResetRaisesAFaultAndNoRainfallAlarm() {
        var replay = new Replay(T0);
        String gauge = "62001200/rain-1/rain_counter";
        replay.engine.register(new RainfallRule(RainfallRule.Spec.of("rain", gauge, RainfallRule.Gauge.counter(),
                RainfallCriteria.of("red:10m:1"), 0, Debounce.NONE, Replay.CHINA), replay.engine.occurrences()));

        // 1234.5 mm on the counter, power lost, back at 0: read as a wrap this would be 5,319 mm of rain
        for (int i = 0; i < 3; i++) {
            replay.feed(Reading.good(gauge, at(i), 1234.5, "mm"));
        }
        replay.feed(Reading.good(gauge, at(3), 0.0, "mm"));
        replay.feed(Reading.good(gauge, at(4), 0.0, "mm"));

        assertThat(replay.events).extracting(AlarmEvent::ruleId, AlarmEvent::transition, AlarmEvent::level,
                AlarmEvent::timestamp, AlarmEvent::reason).containsExactly(
                tuple("rain.fault", RAISED, FAULT, at(3), "COUNTER_RESET"),
                tuple("rain.fault", CLEARED, FAULT, at(4), null));
    }
}
