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
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmLevel;
import io.weir.api.Quality;
import io.weir.api.QualityReason;
import io.weir.api.Reading;

/**
 * Record rain is rain. Zhengzhou's 201.9 mm between 16:00 and 17:00 on 20 July 2021 (RainstormReplayTest has the
 * sources), here with a peaked profile of our own inside the hour, read every 5 minutes: its peak five minutes
 * bring 36.8 mm, which a limit of 300 mm/h applied per reading (25 mm in 5 minutes) threw away. All of it counts,
 * the mountain-flood table's levels are raised at the readings that reach them, and no gauge fault is raised.
 */
class RecordRainTest {

    static final String GAUGE = RainstormReplayTest.GAUGE;
    static final Instant FOUR_PM = RainstormReplayTest.at(16, 0);
    /** mm in each five minutes from 16:00; 201.9 in all. */
    static final double[] PEAKED_HOUR = {4.0, 6.5, 9.8, 14.2, 19.5, 27.3, 36.8, 31.2, 22.4, 14.6, 9.7, 5.9};

    @Test
    void aPeakedRecordHourCountsWholeAndRaisesEveryLevelOnTime() {
        var replay = new Replay(FOUR_PM);
        RainfallRule rule = new RainfallRule(RainfallRule.Spec.of("mountain-flood", GAUGE,
                RainfallRule.Gauge.counter(), RainfallCriteria.MOUNTAIN_FLOOD_EXAMPLE, 1, Debounce.NONE,
                Replay.CHINA), replay.engine.occurrences());
        replay.engine.register(rule);
        var times = new ArrayList<Instant>();
        var rain = new ArrayList<Reference.Rain>();
        double count = 1000.0;
        replay.feed(Reading.good(GAUGE, FOUR_PM, count, "mm"));
        times.add(FOUR_PM);
        for (int k = 0; k < PEAKED_HOUR.length; k++) {
            Instant at = FOUR_PM.plus(Duration.ofMinutes(5L * (k + 1)));
            count = Math.round((count + PEAKED_HOUR[k]) * 10) / 10.0;
            replay.feed(Reading.good(GAUGE, at, count, "mm"));
            times.add(at);
            rain.add(new Reference.Rain(at.minus(Duration.ofMinutes(5)), at, PEAKED_HOUR[k]));
        }

        assertThat(rule.rainMm(RainWindow.H1)).isEqualTo(201.9);
        AlarmLevel[] levels = {BLUE, YELLOW, ORANGE, RED};
        // the mountain-flood table: a level is reached when any of its windows reaches its amount
        List<Reference.Change> expected = Reference.levels(times, t -> 1.0, levels, new double[] {0, 0, 0, 0},
                (i, l) -> excess(rain, times.get(i), RainfallCriteria.MOUNTAIN_FLOOD_EXAMPLE, levels[l]), 0);
        // 54.0 mm by 16:25 (past yellow's 45 in 1 h), 81.3 mm by 16:30 (past evacuate's 80)
        assertThat(expected).containsExactly(new Reference.Change(FOUR_PM.plus(Duration.ofMinutes(25)), YELLOW),
                new Reference.Change(FOUR_PM.plus(Duration.ofMinutes(30)), RED));
        assertThat(Reference.changes(replay.events, "mountain-flood")).isEqualTo(expected);
        assertThat(replay.events).extracting(AlarmEvent::level).doesNotContain(FAULT);
        assertThat(replay.derived).filteredOn(r -> r.channel().equals(GAUGE + RainfallRule.HOURLY))
                .extracting(Reading::timestamp, Reading::value, Reading::quality)
                .containsExactly(tuple(FOUR_PM.plus(Duration.ofHours(1)), 201.9, Quality.GOOD));
    }

    /** How far the rain of a level's windows is past its amounts at a time: the largest excess (mm). */
    static double excess(List<Reference.Rain> rain, Instant at, RainfallCriteria criteria, AlarmLevel level) {
        double excess = Double.NEGATIVE_INFINITY;
        for (RainfallCriteria.Criterion c : criteria.criteria()) {
            if (c.level() == level) {
                excess = Math.max(excess, Reference.rainIn(rain, at.minus(c.window().duration()), at) - c.mm());
            }
        }
        return excess;
    }

    @Test
    void rainNoGaugeCouldMeasureIsClampedFlaggedAndStillCounted() {
        var replay = new Replay(FOUR_PM);
        RainfallRule rule = replay.add(new RainfallRule(RainfallRule.Spec.of("rain", GAUGE,
                RainfallRule.Gauge.counter(), RainfallCriteria.of("red:1h:80"), 1, Debounce.NONE, Replay.CHINA),
                replay.engine.occurrences()));
        replay.feed(Reading.good(GAUGE, FOUR_PM, 100.0, "mm"));
        replay.feed(Reading.good(GAUGE, FOUR_PM.plusSeconds(60), 900.0, "mm")); // 800 mm in a minute: a glitch
        replay.feed(Reading.good(GAUGE, FOUR_PM.plusSeconds(120), 900.1, "mm"));
        replay.feed(Reading.good(GAUGE, FOUR_PM.plus(Duration.ofMinutes(61)), 900.1, "mm"));

        double believable = 300 * Math.pow(1 / 60.0, 0.475); // the records' envelope for one minute
        assertThat(replay.events).extracting(AlarmEvent::ruleId, AlarmEvent::transition, AlarmEvent::level,
                AlarmEvent::reason).containsExactly(
                tuple("rain.fault", RAISED, FAULT, "RAIN_CLAMPED"),
                tuple("rain.fault", CLEARED, FAULT, null));
        Reading hour = replay.derived.stream().filter(r -> r.channel().equals(GAUGE + RainfallRule.HOURLY))
                .findFirst().orElseThrow();
        assertThat(hour.quality()).isEqualTo(Quality.UNCERTAIN);
        assertThat(hour.reason()).isEqualTo(QualityReason.OUT_OF_RANGE);
        assertThat((Double) hour.value()).isCloseTo(believable + 0.1, within(0.001));
        assertThat(rule.rainMm(RainWindow.DAY)).isCloseTo(believable + 0.1, within(0.001));
    }
}
