package io.weir.rules.internal;

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
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmLevel;
import io.weir.api.AlarmTransition;
import io.weir.api.Reading;
import io.weir.testing.Configs;

/**
 * A reservoir's levels: the flood-limit level (汛限水位) changes with the flood season, so the same water is fine in
 * May and over the limit on 1 June; low-level alarms against the dead level and the pumps' intake; and a rapid
 * drawdown (骤降), which threatens an earth dam's upstream slope, as a rate-of-fall rule.
 */
class ReservoirLevelsTest {

    static final String DAM = "62001300/level-1/water_level";

    static Instant local(int month, int day, int hour) {
        return LocalDateTime.of(2026, month, day, hour, 0).atZone(Replay.CHINA).toInstant();
    }

    /** Pre-, main and post-flood seasons; outside them the normal pool level is the limit. */
    static Map<String, Object> reservoir() {
        var config = new HashMap<String, Object>(Map.of("ruleId", "dam-level", "channel", DAM, "datum", 80.0,
                "normalPoolLevel", 104.0, "designFloodLevel", 107.2, "checkFloodLevel", 108.5, "deadLevel", 86.0));
        config.put("floodLimitSchedule", new String[] {"04-15/05-31:103.0", "06-01/08-31:101.5",
                "09-01/10-15:103.0"});
        config.putAll(Map.of("yellow", "floodLimit - 0.5", "orange", "floodLimit", "red", "designFlood",
                "hysteresis", 0.1, "unit", "m"));
        return config;
    }

    @Test
    void theFloodLimitLevelOfTheDaysSeasonCounts() {
        var replay = new Replay(local(5, 30, 8));
        ThresholdRuleSpec spec = WaterLevelRuleComponent.spec(Configs.of(WaterLevelRuleConfig.class, reservoir()));
        replay.engine.register(new ThresholdRule("waterlevel", spec, replay.engine.occurrences()));
        // the reference: the flood-limit level in force each day, from the reservoir's dispatch plan
        record Day(Instant at, double level, double floodLimit) {
        }
        var days = List.of(new Day(local(5, 30, 8), 102.0, 103.0), new Day(local(5, 31, 8), 102.6, 103.0),
                new Day(local(6, 1, 8), 102.6, 101.5), new Day(local(8, 31, 8), 101.2, 101.5),
                new Day(local(9, 1, 8), 101.2, 103.0), new Day(local(10, 20, 8), 103.6, 104.0));
        var expected = new ArrayList<Tuple>();
        AlarmLevel current = null;
        for (Day day : days) {
            replay.feed(Reading.good(DAM, day.at(), day.level(), "m"));
            // yellow 0.5 m under the limit, orange at it, left 0.1 m back
            double limit = day.floodLimit();
            AlarmLevel target = day.level() >= limit ? ORANGE : day.level() >= limit - 0.5 ? YELLOW
                    : current != null && day.level() >= limit - 0.6 ? YELLOW : null;
            if (target != current) {
                AlarmTransition transition = target == null ? CLEARED : current == null ? RAISED
                        : target.compareTo(current) > 0 ? ESCALATED : DEESCALATED;
                expected.add(tuple(transition, target == null ? current : target, day.at()));
                current = target;
            }
        }

        assertThat(expected).hasSize(5);
        assertThat(replay.events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::timestamp)
                .containsExactlyElementsOf(expected);
    }

    @Test
    void lowLevelsAreAlarmedBelowTheDeadLevelAndThePumpIntake() {
        var replay = new Replay(local(3, 1, 8));
        var config = new HashMap<String, Object>(Map.of("ruleId", "dam-low", "channel", DAM, "deadLevel", 86.0,
                "pumpIntakeLevel", 85.2, "direction", "BELOW", "yellow", "dead + 1.0", "orange", "dead",
                "red", "pumpIntake"));
        replay.engine.register(new ThresholdRule("waterlevel", WaterLevelRuleComponent.spec(Configs.of(
                WaterLevelRuleConfig.class, config)), replay.engine.occurrences()));
        double[] levels = {88.0, 87.1, 86.9, 86.0, 85.5, 85.2, 86.5, 87.5};
        for (int d = 0; d < levels.length; d++) {
            replay.feed(Reading.good(DAM, local(3, 1 + d, 8), levels[d], "m"));
        }

        assertThat(replay.events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::threshold)
                .containsExactly(tuple(RAISED, YELLOW, 87.0), tuple(ESCALATED, ORANGE, 86.0),
                        tuple(ESCALATED, RED, 85.2), tuple(DEESCALATED, YELLOW, 87.0),
                        tuple(CLEARED, YELLOW, 87.0));
    }

    @Test
    void aRapidDrawdownIsAlarmedByTheFittedFall() {
        Instant start = local(7, 20, 8);
        var replay = new Replay(start);
        replay.engine.register(new RateOfRiseRule(new RateOfRiseRule.Spec("dam-drawdown", DAM,
                RateOfRiseRule.Sense.FALL, Duration.ofHours(24), Map.of(YELLOW, 0.5, RED, 1.0), 0.05, "m",
                Debounce.NONE, Duration.ofHours(2)), replay.engine.occurrences()));
        var times = new ArrayList<Instant>();
        var values = new ArrayList<Double>();
        for (int h = 0; h <= 48; h++) { // flood released: 1.5 m in the 24 h after the first 12
            double level = 102.0 - (h <= 12 ? 0 : Math.min(1.5, 1.5 * (h - 12) / 24.0));
            Instant at = start.plus(Duration.ofHours(h));
            replay.feed(Reading.good(DAM, at, level, "m"));
            times.add(at);
            values.add(level);
        }

        List<Reference.Change> expected = Reference.levels(times, t -> 0.05, new AlarmLevel[] {YELLOW, RED},
                new double[] {0.5, 1.0}, (i, l) -> -Reference.fittedChange(times, values,
                        times.get(i).minus(Duration.ofHours(24)), times.get(i)), 0);
        assertThat(expected).extracting(Reference.Change::level).startsWith(YELLOW, RED);
        assertThat(Reference.changes(replay.events, "dam-drawdown")).isEqualTo(expected);
    }
}
