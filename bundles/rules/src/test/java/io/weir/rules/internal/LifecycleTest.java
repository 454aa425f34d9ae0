package io.weir.rules.internal;

import static io.weir.api.AlarmLevel.BLUE;
import static io.weir.api.AlarmLevel.RED;
import static io.weir.api.AlarmLevel.YELLOW;
import static io.weir.api.AlarmTransition.ACKNOWLEDGED;
import static io.weir.api.AlarmTransition.CLEARED;
import static io.weir.api.AlarmTransition.ESCALATED;
import static io.weir.api.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.api.AlarmEvent;
import io.weir.api.Reading;
import io.weir.testing.TestClock;

class LifecycleTest {

    static final Instant T0 = Instant.parse("2026-07-14T00:00:00Z");
    static final String RIVER = "62001200/radar-1/water_level";
    static final String GAUGE = "62001200/rain-1/rain_counter";

    @TempDir
    Path dir;

    static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    static ThresholdRule river(RuleEngine engine, double red, Debounce debounce) {
        return new ThresholdRule(new ThresholdRuleSpec("river", RIVER, Direction.ABOVE, Map.of(BLUE, 3.0, RED, red),
                0.0, "m", debounce), engine.occurrences());
    }

    static RainfallRule rain(RuleEngine engine, String criterion) {
        return new RainfallRule(RainfallRule.Spec.of("rain", GAUGE, RainfallRule.Gauge.counter(),
                RainfallCriteria.of(criterion), 0, Debounce.NONE, Replay.CHINA), engine.occurrences());
    }

    RuleEngine persistentEngine(TestClock clock) {
        return new RuleEngine(clock, Replay.SITE_SERVICE::info,
                Optional.of(new RuleStateStore(dir.resolve("rules/alarms.state"))),
                Optional.of(new RuleStateStore(dir.resolve("rules/windows.state"))), Duration.ofMinutes(5));
    }

    @Test
    void aTimeDebounceSuppressesFlapping() {
        var replay = new Replay(T0);
        replay.engine.register(river(replay.engine, 4.5, new Debounce(Duration.ofMinutes(10), Duration.ofMinutes(30))));

        double[] noisy = {2.9, 3.1, 2.9, 3.2, 3.1, 3.05, 2.95, 3.1, 2.8, 2.9, 2.7, 2.8, 2.7, 2.6, 2.5};
        for (int i = 0; i < noisy.length; i++) {
            replay.feed(Reading.good(RIVER, at(5 * i), noisy[i], "m"));
        }

        // above 3.0 from minute 15 (a dip at 30 does not count: it is back above before the 30-minute clear hold);
        // raised once held 10 minutes; cleared once below from minute 40 for 30 minutes
        assertThat(replay.events).extracting(AlarmEvent::transition, AlarmEvent::timestamp)
                .containsExactly(tuple(RAISED, at(25)), tuple(CLEARED, at(70)));
    }

    @Test
    void anAcknowledgementIsAnEventOfTheAlarmAndAnEscalationAsksForAnotherOne() {
        var replay = new Replay(T0);
        replay.engine.register(river(replay.engine, 4.5, Debounce.NONE));
        replay.feed(Reading.good(RIVER, at(0), 3.2, "m"));
        String id = replay.events.get(0).alarmId();

        replay.clock.set(at(3));
        assertThat(replay.engine.acknowledge(id, "county platform")).isTrue();
        assertThat(replay.engine.acknowledge(id, "county platform")).isFalse();
        assertThat(replay.engine.acknowledge("gw-yx-001:river:1", "someone")).isFalse();
        replay.feed(Reading.good(RIVER, at(5), 4.6, "m"));
        replay.clock.set(at(6));
        assertThat(replay.engine.acknowledge(id, new io.weir.api.Acknowledgement("console", "192.168.1.20", true)))
                .isTrue();
        assertThat(replay.events.get(1).acknowledgement().by()).isEqualTo("county platform");
        assertThat(replay.events.get(3).acknowledgement())
                .isEqualTo(new io.weir.api.Acknowledgement("console", "192.168.1.20", true));

        assertThat(replay.events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::alarmSeq,
                AlarmEvent::timestamp).containsExactly(
                tuple(RAISED, BLUE, 1L, at(0)),
                tuple(ACKNOWLEDGED, BLUE, 2L, at(3)),
                tuple(ESCALATED, RED, 3L, at(5)),
                tuple(ACKNOWLEDGED, RED, 4L, at(6)));
    }

    @Test
    void aRestartedGatewayGoesOnWithTheOpenAlarmAndItsWindowsWithoutRaisingAgain() {
        var clock = new Replay.MutableClock(T0);
        var before = new Replay(clock, persistentEngine(clock));
        before.engine.register(river(before.engine, 4.5, Debounce.NONE));
        before.engine.register(rain(before.engine, "yellow:1h:20"));
        before.feed(Reading.good(RIVER, at(0), 3.2, "m"));
        before.feed(Reading.good(GAUGE, at(0), 100.0, "mm"));
        before.feed(Reading.good(GAUGE, at(10), 112.0, "mm"));
        before.engine.close(); // the component's deactivation; a power cut loses only the windows since the last write
        assertThat(Files.exists(dir.resolve("rules/alarms.state"))).isTrue();

        var after = new Replay(clock, persistentEngine(clock));
        after.engine.register(river(after.engine, 4.5, Debounce.NONE));
        after.engine.register(rain(after.engine, "yellow:1h:20"));
        after.feed(Reading.good(RIVER, at(20), 3.3, "m"));   // still blue: nothing new
        after.feed(Reading.good(GAUGE, at(20), 121.0, "mm")); // 12 + 9 mm within the hour
        after.feed(Reading.good(RIVER, at(25), 4.6, "m"));
        after.feed(Reading.good(RIVER, at(30), 2.0, "m"));

        assertThat(before.events).extracting(AlarmEvent::ruleId, AlarmEvent::transition, AlarmEvent::alarmSeq)
                .containsExactly(tuple("river", RAISED, 1L));
        assertThat(after.events).extracting(AlarmEvent::ruleId, AlarmEvent::transition, AlarmEvent::level,
                AlarmEvent::alarmSeq, AlarmEvent::alarmId).containsExactly(
                tuple("rain", RAISED, YELLOW, 1L, "gw-yx-001:rain:" + at(20).toEpochMilli()),
                tuple("river", ESCALATED, RED, 2L, before.events.get(0).alarmId()),
                tuple("river", CLEARED, BLUE, 3L, before.events.get(0).alarmId()));
        assertThat(after.events.get(0).value()).isEqualTo(21.0);
    }

    @Test
    void aChangedRuleKeepsItsWindowsAndItsOpenAlarm() {
        var replay = new Replay(T0);
        RainfallRule first = rain(replay.engine, "blue:1h:10");
        replay.engine.register(first);
        replay.feed(Reading.good(GAUGE, at(0), 100.0, "mm"));
        replay.feed(Reading.good(GAUGE, at(10), 115.0, "mm"));

        replay.engine.unregister(first); // the site file changed: a red level is added
        RainfallRule second = rain(replay.engine, "red:1h:20");
        replay.engine.register(second);
        assertThat(second.rainMm(RainWindow.H1)).isEqualTo(15.0);
        replay.feed(Reading.good(GAUGE, at(15), 121.0, "mm"));

        assertThat(replay.events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::alarmSeq)
                .containsExactly(tuple(RAISED, BLUE, 1L), tuple(ESCALATED, RED, 2L));
    }
}
