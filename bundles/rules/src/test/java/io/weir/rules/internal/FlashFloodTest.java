package io.weir.rules.internal;

import static io.weir.api.AlarmLevel.BLUE;
import static io.weir.api.AlarmLevel.ORANGE;
import static io.weir.api.AlarmLevel.RED;
import static io.weir.api.AlarmLevel.YELLOW;
import static org.assertj.core.api.Assertions.assertThat;

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
 * A flash flood: a river at 2.0 m rising 0.6 m every 5 minutes to 6.2 m, read every 5 minutes, with the documented
 * example rules (docs/configuration.md): the fault rule in front, a threshold rule and a one-hour rate of rise.
 * Steady fast rise is a flood: every level is raised at the reading that reaches it, and the rise is seen.
 */
class FlashFloodTest {

    static final Instant T0 = Instant.parse("2026-07-14T00:00:00Z"); // 08:00 local
    static final String RIVER = "62001200/radar-1/water_level";
    static final AlarmLevel[] LEVELS = {BLUE, YELLOW, ORANGE, RED};

    /** The documented fault rule: 0..12 m, at most 20 m/h, 2 cm of noise, stuck after 6 h. */
    static FaultRule radarHealth(RuleEngine engine) {
        return new FaultRule(new FaultRule.Spec("radar-health", RIVER, Duration.ofMinutes(30), 0, 12, 20, 0.02,
                Duration.ofHours(6), 0.001, Debounce.NONE), engine.occurrences());
    }

    @Test
    void everyLevelAtTheReadingThatReachesItAndTheRiseSeen() {
        var replay = new Replay(T0);
        replay.engine.register(radarHealth(replay.engine));
        replay.engine.register(new ThresholdRule(new ThresholdRuleSpec("river-level", RIVER, Direction.ABOVE,
                Map.of(BLUE, 3.0, YELLOW, 3.5, ORANGE, 4.0, RED, 4.5), 0.05, "m"), replay.engine.occurrences()));
        replay.engine.register(new RateOfRiseRule(new RateOfRiseRule.Spec("river-rise", RIVER, Duration.ofHours(1),
                Map.of(YELLOW, 0.10, RED, 0.50), 0.02, "m", Debounce.NONE), replay.engine.occurrences()));

        var times = new ArrayList<Instant>();
        var values = new ArrayList<Double>();
        for (int step = 0; step <= 18; step++) { // 08:00 .. 09:30
            times.add(T0.plus(Duration.ofMinutes(5L * step)));
            values.add(step < 4 ? 2.0 : Math.min(6.2, 2.0 + 0.6 * (step - 3)));
        }
        for (int i = 0; i < times.size(); i++) {
            replay.feed(Reading.good(RIVER, times.get(i), values.get(i), "m"));
        }

        List<Reference.Change> level = Reference.levels(times, t -> 0.05, LEVELS, new double[] {3.0, 3.5, 4.0, 4.5},
                (i, l) -> values.get(i), 0);
        List<Reference.Change> rise = Reference.levels(times, t -> 0.02, new AlarmLevel[] {YELLOW, RED},
                new double[] {0.10, 0.50}, (i, l) -> Reference.fittedChange(times, values,
                        times.get(i).minus(Duration.ofHours(1)), times.get(i)), 0);
        assertThat(level).extracting(Reference.Change::level).containsExactly(BLUE, YELLOW, ORANGE, RED);
        assertThat(level.get(0).at()).isEqualTo(T0.plus(Duration.ofMinutes(25))); // 3.2 m
        assertThat(Reference.changes(replay.events, "river-level")).isEqualTo(level);
        assertThat(Reference.changes(replay.events, "river-rise")).isEqualTo(rise);
        assertThat(rise.get(0)).isEqualTo(new Reference.Change(T0.plus(Duration.ofMinutes(20)), YELLOW));
        assertThat(replay.events).extracting(AlarmEvent::ruleId).doesNotContain("radar-health");
    }
}
