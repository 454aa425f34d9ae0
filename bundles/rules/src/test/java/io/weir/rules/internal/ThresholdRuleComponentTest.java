package io.weir.rules.internal;

import static io.weir.api.AlarmLevel.BLUE;
import static io.weir.api.AlarmLevel.RED;
import static io.weir.api.AlarmTransition.CLEARED;
import static io.weir.api.AlarmTransition.ESCALATED;
import static io.weir.api.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmListener;
import io.weir.api.QualityReason;
import io.weir.api.Reading;
import io.weir.api.Site;
import io.weir.api.SiteInfo;
import io.weir.testing.Configs;

/** The component built with {@code new}, as the framework would, with plain fakes for the services. */
class ThresholdRuleComponentTest {

    private static final SiteInfo SITE_INFO = new SiteInfo("gw-yx-001", "62001200", "Yuxi River Station", 30.2741,
            120.1551);
    private static final Site SITE = () -> SITE_INFO;
    private static final String CHANNEL = "62001200/radar-1/water_level";
    private static final Instant T = Instant.parse("2026-07-14T08:00:00Z");

    /**
     * The engine component as the framework builds it (without its tick thread), with one threshold rule. Its clock
     * stands an hour after the readings: none of them is stamped in the gateway's future.
     */
    private static RuleEngineComponent component() {
        var engine = new RuleEngineComponent(RuleEngine.inMemory(
                Clock.fixed(T.plusSeconds(3600), ZoneOffset.UTC), SITE::info), false);
        new ThresholdRuleComponent(Configs.of(ThresholdRuleConfig.class, Map.of(
                "ruleId", "river-level", "channel", CHANNEL, "direction", "ABOVE",
                "blue", 3.0, "red", 4.5, "hysteresis", 0.05, "unit", "m")), engine.engine());
        return engine;
    }

    private static Reading level(int minute, double value) {
        return Reading.good(CHANNEL, T.plusSeconds(60L * minute), value, "m");
    }

    private static final class Recorder implements AlarmListener {
        final List<AlarmEvent> events = new ArrayList<>();

        @Override
        public void onAlarm(AlarmEvent event) {
            events.add(event);
        }
    }

    @Test
    void picksItsChannelOutOfABatchAndTellsEveryListenerInOrder() {
        RuleEngineComponent rule = component();
        var first = new Recorder();
        var second = new Recorder();
        rule.addAlarmListener(first, Map.of());
        rule.addAlarmListener(event -> {
            throw new IllegalStateException("a broken listener");
        }, Map.of());
        rule.addAlarmListener(second, Map.of());

        rule.onReadings(List.of(
                Reading.good("62001200/radar-1/air_gap", T, 9.0, "m"),
                level(0, 3.2),
                Reading.bad("62001200/rain-1/rain_counter", T, "mm", QualityReason.COMM_ERROR),
                level(5, 4.6)));
        rule.onReadings(List.of(level(10, 2.0)));

        // delivered on the caller's thread: all there once onReadings returns
        assertThat(first.events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::alarmSeq,
                AlarmEvent::timestamp).containsExactly(
                tuple(RAISED, BLUE, 1L, T),
                tuple(ESCALATED, RED, 2L, T.plusSeconds(300)),
                tuple(CLEARED, BLUE, 3L, T.plusSeconds(600)));
        assertThat(second.events).isEqualTo(first.events);
        assertThat(first.events).allSatisfy(e -> {
            assertThat(e.alarmId()).isEqualTo("gw-yx-001:river-level:" + T.toEpochMilli());
            assertThat(e.site()).isEqualTo(SITE_INFO);
        });
    }

    @Test
    void aRemovedListenerHearsNothingMore() {
        RuleEngineComponent rule = component();
        var recorder = new Recorder();
        rule.addAlarmListener(recorder, Map.of());
        rule.onReadings(List.of(level(0, 3.2)));

        rule.removeAlarmListener(recorder);
        rule.onReadings(List.of(level(5, 4.6)));

        assertThat(recorder.events).extracting(AlarmEvent::transition).containsExactly(RAISED);
    }

    @Test
    void aDeactivatedRuleStopsAndItsSuccessorTakesOverTheOpenAlarm() {
        var engine = RuleEngine.inMemory(Clock.fixed(T.plusSeconds(3600), ZoneOffset.UTC), SITE::info);
        var recorder = new Recorder();
        engine.addAlarmListener(recorder);
        var first = new ThresholdRuleComponent(Configs.of(ThresholdRuleConfig.class, Map.of("ruleId", "river-level",
                "channel", CHANNEL, "direction", "ABOVE", "blue", 3.0, "red", 4.5)), engine);
        engine.onReadings(List.of(level(0, 3.2)));

        first.deactivate(); // the configuration changed: red moves up to 5.0
        new ThresholdRuleComponent(Configs.of(ThresholdRuleConfig.class, Map.of("ruleId", "river-level",
                "channel", CHANNEL, "direction", "ABOVE", "blue", 3.0, "red", 5.0)), engine);
        engine.onReadings(List.of(level(5, 3.3), level(10, 4.8), level(15, 5.1)));

        assertThat(recorder.events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::alarmSeq)
                .containsExactly(tuple(RAISED, BLUE, 1L), tuple(ESCALATED, RED, 2L));
        assertThat(recorder.events.get(1).timestamp()).isEqualTo(T.plusSeconds(900));
        assertThat(engine.size()).isEqualTo(1);
    }

    @Test
    void withoutListenersTheRuleStillFollowsTheValue() {
        RuleEngineComponent rule = component();
        rule.onReadings(List.of(level(0, 3.2), level(5, 4.6)));
        var recorder = new Recorder();
        rule.addAlarmListener(recorder, Map.of());

        rule.onReadings(List.of(level(10, 2.0)));

        assertThat(recorder.events).extracting(AlarmEvent::transition, AlarmEvent::alarmSeq)
                .containsExactly(tuple(CLEARED, 3L));
    }

    /** A siren that comes up while the river is over its level (configured late, or reconfigured) must sound. */
    @Test
    void aListenerThatAsksForTheCurrentAlarmsHearsTheActiveOnesFirstAndTheClearedNone() {
        RuleEngineComponent rule = component();
        rule.onReadings(List.of(level(0, 3.2), level(5, 4.6))); // raised BLUE, escalated RED
        var siren = new Recorder();
        var store = new Recorder();
        rule.addAlarmListener(siren, Map.of(AlarmListener.CURRENT_ALARMS, true));
        rule.addAlarmListener(store, Map.of());

        assertThat(siren.events).extracting(AlarmEvent::transition, AlarmEvent::level)
                .containsExactly(tuple(RAISED, BLUE), tuple(ESCALATED, RED));
        assertThat(store.events).as("a listener that keeps every event is not told twice").isEmpty();

        rule.onReadings(List.of(level(10, 2.0)));
        var late = new Recorder();
        rule.addAlarmListener(late, Map.of(AlarmListener.CURRENT_ALARMS, true));
        assertThat(siren.events).extracting(AlarmEvent::transition).containsExactly(RAISED, ESCALATED, CLEARED);
        assertThat(late.events).as("a cleared alarm is not active").isEmpty();
    }
}
