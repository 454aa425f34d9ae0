package io.weir.rules.internal;

import static io.weir.api.AlarmLevel.BLUE;
import static io.weir.api.AlarmLevel.FAULT;
import static io.weir.api.AlarmLevel.RED;
import static io.weir.api.AlarmLevel.YELLOW;
import static io.weir.api.AlarmTransition.CLEARED;
import static io.weir.api.AlarmTransition.DEESCALATED;
import static io.weir.api.AlarmTransition.ESCALATED;
import static io.weir.api.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.api.AlarmEvent;
import io.weir.api.Reading;
import io.weir.testing.Configs;
import io.weir.testing.TestClock;

/** Composites of a river level and an hourly rain amount, replayed through the engine. */
class CompositeRuleTest {

    static final Instant T0 = Instant.parse("2026-07-14T00:00:00Z");
    static final String RIVER = "62001200/radar-1/water_level";
    static final String RAIN = "62001200/rain-1/rain_1h";

    @TempDir
    Path dir;

    static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    /** river: blue 3.0 m, yellow 3.5 m, red 4.5 m; rain: blue 10 mm, yellow 20 mm, red 50 mm in the hour. */
    static void operands(RuleEngine engine) {
        engine.register(new ThresholdRule(new ThresholdRuleSpec("river", RIVER, Direction.ABOVE,
                Map.of(BLUE, 3.0, YELLOW, 3.5, RED, 4.5), 0.0, "m", Debounce.NONE), engine.occurrences()));
        engine.register(new ThresholdRule(new ThresholdRuleSpec("rain", RAIN, Direction.ABOVE,
                Map.of(BLUE, 10.0, YELLOW, 20.0, RED, 50.0), 0.0, "mm", Debounce.NONE), engine.occurrences()));
    }

    static CompositeRule composite(RuleEngine engine, String id, CompositeOperator operator, String... ids) {
        var rule = new CompositeRule(new CompositeRule.Spec(id, operator, List.of(ids)), engine.occurrences());
        engine.register(rule);
        return rule;
    }

    static List<AlarmEvent> of(Replay replay, String ruleId) {
        return replay.events.stream().filter(e -> e.ruleId().equals(ruleId)).toList();
    }

    @Test
    void andIsAtTheLowestLevelOfItsOperandsFromRaiseToClear() {
        var replay = new Replay(T0);
        operands(replay.engine);
        composite(replay.engine, "rain-and-river", CompositeOperator.AND, "rain", "river");

        replay.feed(Reading.good(RAIN, at(0), 25.0, "mm"));   // rain yellow, river none: nothing
        replay.feed(Reading.good(RIVER, at(5), 3.2, "m"));    // both at least blue
        replay.feed(Reading.good(RIVER, at(10), 4.6, "m"));   // river red, rain yellow: yellow
        replay.feed(Reading.good(RAIN, at(15), 12.0, "mm"));  // rain back to blue
        replay.feed(Reading.good(RAIN, at(20), 5.0, "mm"));   // rain none

        List<AlarmEvent> events = of(replay, "rain-and-river");
        assertThat(events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::timestamp,
                AlarmEvent::alarmSeq).containsExactly(
                tuple(RAISED, BLUE, at(5), 1L),
                tuple(ESCALATED, YELLOW, at(10), 2L),
                tuple(DEESCALATED, BLUE, at(15), 3L),
                tuple(CLEARED, BLUE, at(20), 4L));
        assertThat(events).extracting(AlarmEvent::alarmId).containsOnly(events.get(0).alarmId());
        assertThat(events.get(0).alarmId()).startsWith("gw-yx-001:rain-and-river:");
        assertThat(events.get(0).channels()).containsExactly(RAIN, RIVER);
    }

    @Test
    void orIsAtTheHighestLevelOfItsOperands() {
        var replay = new Replay(T0);
        operands(replay.engine);
        composite(replay.engine, "rain-or-river", CompositeOperator.OR, "rain", "river");

        replay.feed(Reading.good(RAIN, at(0), 25.0, "mm"));
        replay.feed(Reading.good(RIVER, at(5), 4.6, "m"));
        replay.feed(Reading.good(RIVER, at(10), 2.0, "m"));
        replay.feed(Reading.good(RAIN, at(15), 15.0, "mm"));
        replay.feed(Reading.good(RAIN, at(20), 5.0, "mm"));

        assertThat(of(replay, "rain-or-river")).extracting(AlarmEvent::transition, AlarmEvent::level,
                AlarmEvent::timestamp).containsExactly(
                tuple(RAISED, YELLOW, at(0)),
                tuple(ESCALATED, RED, at(5)),
                tuple(DEESCALATED, YELLOW, at(10)),
                tuple(DEESCALATED, BLUE, at(15)),
                tuple(CLEARED, BLUE, at(20)));
    }

    @Test
    void anOperandInFaultNeverRaisesTheComposite() {
        var replay = new Replay(T0);
        replay.engine.register(new FaultRule(new FaultRule.Spec("river-sensor", RIVER, Duration.ZERO, 0, 12,
                Double.NaN, 3, Duration.ZERO, 0, Debounce.NONE), replay.engine.occurrences()));
        operands(replay.engine);
        composite(replay.engine, "rain-and-river", CompositeOperator.AND, "rain", "river");
        composite(replay.engine, "rain-or-sensor", CompositeOperator.OR, "river-sensor", "rain");

        replay.feed(Reading.good(RIVER, at(0), 4.6, "m"));    // river red, no rain
        replay.feed(Reading.good(RIVER, at(5), 20.0, "m"));   // impossible: the river's level is not believed
        replay.feed(Reading.good(RAIN, at(10), 25.0, "mm"));  // rain yellow: AND would be yellow with a sound river
        replay.feed(Reading.good(RIVER, at(15), 4.6, "m"));   // the sensor is sound again

        assertThat(replay.events).extracting(AlarmEvent::ruleId, AlarmEvent::transition, AlarmEvent::level,
                AlarmEvent::timestamp, AlarmEvent::reason).containsExactly(
                tuple("river", RAISED, RED, at(0), null),
                tuple("river-sensor", RAISED, FAULT, at(5), "OUT_OF_RANGE"),
                tuple("rain", RAISED, YELLOW, at(10), null),
                tuple("rain-or-sensor", RAISED, YELLOW, at(10), null), // the fault rule adds no level
                tuple("river-sensor", CLEARED, FAULT, at(15), null),
                tuple("rain-and-river", RAISED, YELLOW, at(15), null));
    }

    @Test
    void anOperandMissingDuringAReloadNeitherRaisesNorClears() {
        var replay = new Replay(T0);
        operands(replay.engine);
        CompositeRule composite = composite(replay.engine, "rain-or-river", CompositeOperator.OR, "rain",
                "river");
        replay.feed(Reading.good(RIVER, at(0), 3.6, "m"));
        var river = new ThresholdRule(new ThresholdRuleSpec("river", RIVER, Direction.ABOVE,
                Map.of(BLUE, 3.0, YELLOW, 3.5, RED, 4.5), 0.0, "m", Debounce.NONE), replay.engine.occurrences());
        replay.engine.register(river); // takes over the river's open alarm

        replay.engine.unregister(river); // the site file changed; the river rule has not come back yet
        replay.feed(Reading.good(RAIN, at(5), 0.0, "mm"));
        assertThat(composite.level()).contains(YELLOW);

        replay.engine.register(river);
        replay.feed(Reading.good(RIVER, at(10), 2.0, "m"));
        assertThat(composite.level()).isEmpty();
        assertThat(of(replay, "rain-or-river")).extracting(AlarmEvent::transition, AlarmEvent::timestamp)
                .containsExactly(tuple(RAISED, at(0)), tuple(CLEARED, at(10)));
    }

    @Test
    void aRestartedGatewayGoesOnWithTheCompositeAlarm() {
        var clock = new Replay.MutableClock(T0);
        var before = new Replay(clock, persistentEngine(clock));
        operands(before.engine);
        composite(before.engine, "rain-and-river", CompositeOperator.AND, "rain", "river");
        before.feed(Reading.good(RAIN, at(0), 25.0, "mm"));
        before.feed(Reading.good(RIVER, at(5), 3.6, "m"));
        before.engine.close();

        var after = new Replay(clock, persistentEngine(clock));
        composite(after.engine, "rain-and-river", CompositeOperator.AND, "rain", "river");
        operands(after.engine);
        after.feed(Reading.good(RIVER, at(10), 3.7, "m"));
        after.feed(Reading.good(RAIN, at(15), 5.0, "mm"));

        assertThat(of(before, "rain-and-river")).extracting(AlarmEvent::transition).containsExactly(RAISED);
        assertThat(of(after, "rain-and-river")).extracting(AlarmEvent::transition, AlarmEvent::level,
                AlarmEvent::alarmSeq, AlarmEvent::alarmId, AlarmEvent::channels).containsExactly(
                tuple(CLEARED, YELLOW, 2L, of(before, "rain-and-river").get(0).alarmId(), List.of(RAIN, RIVER)));
    }

    @Test
    void theComponentRegistersTheCompositeWithTheEngine() {
        var replay = new Replay(T0);
        operands(replay.engine);
        var component = new CompositeRuleComponent(Configs.of(CompositeRuleConfig.class, Map.of("ruleId", "either",
                "operator", CompositeOperator.OR, "operands", new String[] {"rain", "river"})), replay.engine);
        assertThat(replay.engine.size()).isEqualTo(3);
        replay.feed(Reading.good(RAIN, at(0), 60.0, "mm"));
        assertThat(of(replay, "either")).extracting(AlarmEvent::level).containsExactly(RED);

        component.deactivate();
        assertThat(replay.engine.size()).isEqualTo(2);
        assertThatThrownBy(() -> new CompositeRuleComponent(Configs.of(CompositeRuleConfig.class, Map.of("ruleId",
                "alone", "operands", new String[] {"rain"})), replay.engine))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> new CompositeRule.Spec("self", CompositeOperator.AND, List.of("rain", "self")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("itself");
    }

    private RuleEngine persistentEngine(TestClock clock) {
        return new RuleEngine(clock, Replay.SITE_SERVICE::info,
                Optional.of(new RuleStateStore(dir.resolve("rules/alarms.state"))),
                Optional.of(new RuleStateStore(dir.resolve("rules/windows.state"))), Duration.ofMinutes(5));
    }
}
