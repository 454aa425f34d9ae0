package io.weir.rules.internal;

import static io.weir.api.AlarmLevel.BLUE;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmLevel;
import io.weir.api.Quality;
import io.weir.api.QualityReason;
import io.weir.api.Reading;
import io.weir.api.SiteInfo;

class ThresholdRuleTest {

    private static final SiteInfo SITE = new SiteInfo("gw-yx-001", "62001200", "Yuxi River Station", 30.2741,
            120.1551);
    private static final String LEVEL_CHANNEL = "62001200/radar-1/water_level";
    private static final Instant T0 = Instant.parse("2026-07-14T08:00:00Z");
    private static final Duration STEP = Duration.ofMinutes(5); // field RTUs sample level every 5 minutes

    private static ThresholdRule riverLevelRule() {
        return new ThresholdRule(new ThresholdRuleSpec("river-level", LEVEL_CHANNEL, Direction.ABOVE,
                Map.of(BLUE, 3.0, YELLOW, 3.5, ORANGE, 4.0, RED, 4.5), 0.05, "m"), new EpochMillisOccurrences());
    }

    private static Instant at(int step) {
        return T0.plus(STEP.multipliedBy(step));
    }

    /** Feeds GOOD readings one step apart from T0 and collects the events. */
    private static List<AlarmEvent> replay(ThresholdRule rule, String channel, double... values) {
        var events = new ArrayList<AlarmEvent>();
        for (int i = 0; i < values.length; i++) {
            rule.apply(Reading.good(channel, at(i), values[i], "m"), SITE).ifPresent(events::add);
        }
        return events;
    }

    @Test
    void aFloodWaveRisesThroughEveryLevelAndRecedesWithoutFlapping() {
        double[] hydrograph = {
                2.0, 2.5, 2.9,
                3.0,        // 3: reaches blue
                3.2, 3.4,
                3.5,        // 6: reaches yellow
                3.8,
                4.0,        // 8: reaches orange
                4.3,
                4.5,        // 10: reaches red
                4.6,        // 11: crest
                4.5, 4.47,  // within the hysteresis of red
                4.44,       // 14: 0.06 below red
                4.2, 3.96,
                3.94,       // 17: 0.06 below orange
                3.6, 3.46,
                3.44,       // 20: 0.06 below yellow
                3.1, 2.96,
                2.94,       // 23: 0.06 below blue
                2.5, 2.0};

        List<AlarmEvent> events = replay(riverLevelRule(), LEVEL_CHANNEL, hydrograph);

        assertThat(events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::alarmSeq,
                AlarmEvent::timestamp, AlarmEvent::threshold, AlarmEvent::value).containsExactly(
                tuple(RAISED, BLUE, 1L, at(3), 3.0, 3.0),
                tuple(ESCALATED, YELLOW, 2L, at(6), 3.5, 3.5),
                tuple(ESCALATED, ORANGE, 3L, at(8), 4.0, 4.0),
                tuple(ESCALATED, RED, 4L, at(10), 4.5, 4.5),
                tuple(DEESCALATED, ORANGE, 5L, at(14), 4.0, 4.44),
                tuple(DEESCALATED, YELLOW, 6L, at(17), 3.5, 3.94),
                tuple(DEESCALATED, BLUE, 7L, at(20), 3.0, 3.44),
                tuple(CLEARED, BLUE, 8L, at(23), 3.0, 2.94));
        String alarmId = "gw-yx-001:river-level:" + at(3).toEpochMilli();
        assertThat(events).allSatisfy(e -> {
            assertThat(e.alarmId()).isEqualTo(alarmId);
            assertThat(e.ruleId()).isEqualTo("river-level");
            assertThat(e.channels()).containsExactly(LEVEL_CHANNEL);
            assertThat(e.site()).isEqualTo(SITE);
            assertThat(e.window()).isNull();
        });
    }

    @Test
    void noiseAroundAThresholdDoesNotFlap() {
        List<AlarmEvent> events = replay(riverLevelRule(), LEVEL_CHANNEL,
                2.99, 3.0, 2.97, 3.02, 2.96, 3.01,        // around blue: raised once, never cleared
                3.51, 3.47, 3.52, 3.46, 3.5, 3.48, 3.53); // around yellow: escalated once, never de-escalated

        assertThat(events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::timestamp)
                .containsExactly(tuple(RAISED, BLUE, at(1)), tuple(ESCALATED, YELLOW, at(6)));
    }

    @Test
    void readingsThatAreNotGoodChangeNothing() {
        ThresholdRule rule = riverLevelRule();
        assertThat(rule.apply(Reading.good(LEVEL_CHANNEL, at(0), 4.6, "m"), SITE)).isPresent();

        // a dead sensor, a doubtful value far below every threshold, a broken float: none clears the alarm
        assertThat(rule.apply(Reading.bad(LEVEL_CHANNEL, at(1), "m", QualityReason.COMM_ERROR), SITE)).isEmpty();
        assertThat(rule.apply(new Reading(LEVEL_CHANNEL, at(2), 0.0, "m", Quality.UNCERTAIN, QualityReason.SPIKE),
                SITE)).isEmpty();
        assertThat(rule.apply(new Reading(LEVEL_CHANNEL, at(3), Double.NaN, "m", Quality.GOOD, null), SITE))
                .isEmpty();
        assertThat(rule.apply(new Reading(LEVEL_CHANNEL, at(4), "dry", "m", Quality.GOOD, null), SITE)).isEmpty();
        assertThat(rule.level()).contains(RED);

        // and a doubtful high value does not raise one
        ThresholdRule quiet = riverLevelRule();
        assertThat(quiet.apply(new Reading(LEVEL_CHANNEL, at(0), 9.9, "m", Quality.UNCERTAIN,
                QualityReason.CLOCK_UNSYNCED), SITE)).isEmpty();
        assertThat(quiet.level()).isEmpty();
    }

    @Test
    void otherChannelsAreIgnored() {
        assertThat(replay(riverLevelRule(), "62001200/radar-2/water_level", 4.6, 2.0)).isEmpty();
    }

    @Test
    void aSuddenSurgeRaisesTheHighestLevelAndASuddenDropClearsAtOnce() {
        List<AlarmEvent> events = replay(riverLevelRule(), LEVEL_CHANNEL, 2.0, 4.7, 2.0);

        assertThat(events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::alarmSeq,
                AlarmEvent::threshold).containsExactly(tuple(RAISED, RED, 1L, 4.5), tuple(CLEARED, BLUE, 2L, 3.0));
    }

    @Test
    void aReservoirFallingTowardsDeadStorageAlarmsBelow() {
        // only two levels used: yellow at 105.0 m, red at the dead-storage level 102.0 m
        var rule = new ThresholdRule(new ThresholdRuleSpec("reservoir-low", "62001300/level-1/water_level",
                Direction.BELOW, Map.of(YELLOW, 105.0, RED, 102.0), 0.2, "m"), new EpochMillisOccurrences());

        List<AlarmEvent> events = replay(rule, "62001300/level-1/water_level",
                108.0, 106.0,
                104.9,   // 2: under yellow
                103.0,
                101.9,   // 4: under red
                101.5,
                102.1,   // within the hysteresis of red
                102.3,   // 7: 0.3 above red
                105.1,   // within the hysteresis of yellow
                105.3);  // 9: 0.3 above yellow

        assertThat(events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::alarmSeq,
                AlarmEvent::timestamp, AlarmEvent::threshold).containsExactly(
                tuple(RAISED, YELLOW, 1L, at(2), 105.0),
                tuple(ESCALATED, RED, 2L, at(4), 102.0),
                tuple(DEESCALATED, YELLOW, 3L, at(7), 105.0),
                tuple(CLEARED, YELLOW, 4L, at(9), 105.0));
        assertThat(events).extracting(AlarmEvent::alarmId).containsOnly("gw-yx-001:reservoir-low:"
                + at(2).toEpochMilli());
    }

    @Test
    void aSecondOccurrenceGetsANewIdAndCountsFromOne() {
        List<AlarmEvent> events = replay(riverLevelRule(), LEVEL_CHANNEL, 3.1, 2.0, 3.6);

        assertThat(events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::alarmSeq,
                AlarmEvent::alarmId).containsExactly(
                tuple(RAISED, BLUE, 1L, "gw-yx-001:river-level:" + at(0).toEpochMilli()),
                tuple(CLEARED, BLUE, 2L, "gw-yx-001:river-level:" + at(0).toEpochMilli()),
                tuple(RAISED, YELLOW, 1L, "gw-yx-001:river-level:" + at(2).toEpochMilli()));
    }

    @Test
    void occurrenceNumbersComeFromTheInjectedSource() {
        var numbers = new ArrayList<Instant>();
        var rule = new ThresholdRule(new ThresholdRuleSpec("r", LEVEL_CHANNEL, Direction.ABOVE, Map.of(RED, 1.0),
                0, ""), raisedAt -> {
            numbers.add(raisedAt);
            return 41 + numbers.size();
        });

        List<AlarmEvent> events = replay(rule, LEVEL_CHANNEL, 1.0, 0.0, 1.0);

        assertThat(events).extracting(AlarmEvent::alarmId).containsExactly("gw-yx-001:r:42", "gw-yx-001:r:42",
                "gw-yx-001:r:43");
        assertThat(numbers).containsExactly(at(0), at(2));
    }

    @Test
    void withoutHysteresisALevelIsLeftJustBelowItsThreshold() {
        var rule = new ThresholdRule(new ThresholdRuleSpec("r", LEVEL_CHANNEL, Direction.ABOVE,
                Map.of(AlarmLevel.ORANGE, 4.0), 0, "m"), new EpochMillisOccurrences());

        assertThat(replay(rule, LEVEL_CHANNEL, 4.0, 4.0, 3.999)).extracting(AlarmEvent::transition)
                .containsExactly(RAISED, CLEARED);
    }
}
