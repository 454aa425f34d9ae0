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
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.weir.api.AlarmEvent;
import io.weir.api.Reading;

/**
 * The Zhengzhou rainstorm of 20 July 2021 ("7·20"), replayed as an RS-485 tip counter read every 5 minutes.
 * <p>
 * Published figures (China Meteorological Administration, checked again in November 2026): at the Zhengzhou
 * national station 201.9 mm fell between 16:00 and 17:00 on 20 July, then the highest hourly amount recorded on
 * China's mainland; the station's daily total for 20 July (the meteorological day ending 20:00) was 552.5 mm, and
 * CMA's review gives 624.1 mm for the 24 hours from 08:00 on 20 July, which is the hydrological day. The replay
 * keeps the published hour and, to stay short, puts the 552.5 mm into the twelve hours from 08:00; how that rain
 * spreads over those hours is our own illustrative profile, and within each hour the gauge tips evenly. The
 * counter starts near its top so the storm also wraps it past 65535.
 */
class RainstormReplayTest {

    /** mm in each hour from 08:00 local on 20 July 2021; 16:00-17:00 is the published 201.9 mm. */
    static final double[] HOURLY_MM = {10, 15, 20, 25, 30, 35, 50, 100, 201.9, 40, 20, 5.6};
    static final Instant START = local(2021, 7, 20, 8, 0);
    static final String GAUGE = "62001200/rain-1/rain_counter";

    static Instant local(int y, int mo, int d, int h, int mi) {
        return LocalDateTime.of(y, mo, d, h, mi).atZone(Replay.CHINA).toInstant();
    }

    static Instant at(int hour, int minute) {
        return local(2021, 7, 20, hour, minute);
    }

    /** Counter readings every 5 minutes from 08:00 until {@code hours} later; tips spread evenly in each hour. */
    static List<Reading> counterReadings(int startCount, int hours) {
        var readings = new java.util.ArrayList<Reading>();
        long count = startCount;
        readings.add(Reading.good(GAUGE, START, count / 10.0, "mm"));
        for (int step = 1; step <= hours * 12; step++) {
            int hour = (step - 1) / 12;
            long hourCounts = hour < HOURLY_MM.length ? Math.round(HOURLY_MM[hour] * 10) : 0;
            int k = (step - 1) % 12;
            long tips = hourCounts * (k + 1) / 12 - hourCounts * k / 12;
            count = (count + tips) % 65536;
            readings.add(Reading.good(GAUGE, START.plus(Duration.ofMinutes(5L * step)), count / 10.0, "mm"));
        }
        return readings;
    }

    static RainfallRule.Spec spec(String ruleId, RainfallCriteria criteria) {
        return RainfallRule.Spec.of(ruleId, GAUGE, RainfallRule.Gauge.counter(), criteria, 1.0, Debounce.NONE,
                Replay.CHINA);
    }

    @Test
    void theRainstormSignalsRiseBlueToRedAndFallBackAsTheWindowsEmpty() {
        var replay = new Replay(START);
        var rule = new RainfallRule(spec("rainstorm", RainfallCriteria.CMA_OBSERVED_RAIN), replay.engine.occurrences());
        replay.engine.register(rule);

        counterReadings(65000, 24).forEach(replay::feed);

        assertThat(replay.events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::timestamp,
                AlarmEvent::window, AlarmEvent::threshold).containsExactly(
                // 11:15 45 mm by 11:00, 51.3 by 11:15: 6 h and 12 h past 50 mm; 3 h (after 08:15) only 48.8
                tuple(RAISED, YELLOW, at(11, 15), Duration.ofHours(6), 50.0),
                tuple(ESCALATED, ORANGE, at(11, 20), Duration.ofHours(3), 50.0),   // 08:20-11:20: 50.0 mm
                tuple(ESCALATED, RED, at(14, 25), Duration.ofHours(3), 100.0),     // 11:25-14:25: 100.4 mm
                // hysteresis 1 mm: a level is left when its window holds less than its amount less 1 mm
                tuple(DEESCALATED, ORANGE, at(19, 50), Duration.ofHours(3), 50.0), // 16:50-19:50: 98.3 mm
                tuple(DEESCALATED, YELLOW, at(20, 30), Duration.ofHours(6), 50.0), // 17:30-20:30: 45.6 mm in 3 h
                tuple(DEESCALATED, BLUE, at(23, 30), Duration.ofHours(12), 50.0),  // 45.6 mm in 6 h
                tuple(CLEARED, BLUE, local(2021, 7, 21, 5, 30), Duration.ofHours(12), 50.0)); // 45.6 mm in 12 h
        assertThat(replay.events).extracting(AlarmEvent::alarmSeq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(replay.events).extracting(AlarmEvent::alarmId).containsOnly("gw-yx-001:rainstorm:"
                + at(11, 15).toEpochMilli());
    }

    @Test
    void theHydrologicalDayTotalIsThePublishedDailyAmountAndEndsWithTheReadingOf0800() {
        var replay = new Replay(START);
        var rule = new RainfallRule(spec("rain-day", RainfallCriteria.of("red:day:500")), replay.engine.occurrences());
        replay.engine.register(rule);
        List<Reading> readings = counterReadings(65000, 25);

        readings.subList(0, 24 * 12 + 1).forEach(replay::feed); // up to 08:00 on 21 July
        // SL 21: the interval ending at 08:00 is the old day's; the day is named by the date it started on
        assertThat(rule.rainMm(RainWindow.DAY)).isEqualTo(552.5);
        assertThat(rule.rainMm(RainWindow.H24)).isEqualTo(552.5);
        assertThat(rule.rainMm(RainWindow.H1)).isZero();
        replay.feed(readings.get(24 * 12 + 1)); // 08:05: a new hydrological day
        assertThat(rule.rainMm(RainWindow.DAY)).isZero();

        assertThat(replay.events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::timestamp)
                .containsExactly(tuple(RAISED, RED, at(17, 20)), // 486.9 mm by 17:00, 500.2 by 17:20
                        tuple(CLEARED, RED, local(2021, 7, 21, 8, 5)));
        assertThat(replay.derived).filteredOn(r -> r.channel().equals(GAUGE + RainfallRule.DAILY))
                .extracting(Reading::timestamp, Reading::value, Reading::quality)
                .containsExactly(tuple(local(2021, 7, 21, 8, 0), 552.5, io.weir.api.Quality.GOOD));
        assertThat(replay.derived).filteredOn(r -> r.channel().equals(GAUGE + RainfallRule.HOURLY)
                && r.timestamp().equals(at(17, 0))).extracting(Reading::value).containsExactly(201.9);
    }

    @Test
    void theMountainFloodTableWarnsEarlierThanTheSignalsThroughItsThreeAndSixHourColumns() {
        var replay = new Replay(START);
        replay.engine.register(new RainfallRule(spec("mountain-flood", RainfallCriteria.MOUNTAIN_FLOOD_EXAMPLE),
                replay.engine.occurrences()));

        counterReadings(0, 12).forEach(replay::feed);

        assertThat(replay.events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::timestamp,
                AlarmEvent::window, AlarmEvent::threshold).containsExactly(
                tuple(RAISED, BLUE, at(11, 40), Duration.ofHours(3), 55.0),     // 08:40-11:40: 55.0 mm
                tuple(ESCALATED, YELLOW, at(12, 50), Duration.ofHours(6), 95.0),  // 95.0 mm since 08:00
                tuple(ESCALATED, ORANGE, at(13, 35), Duration.ofHours(6), 120.0), // 120.4 mm
                tuple(ESCALATED, RED, at(14, 25), Duration.ofHours(6), 150.0));   // 08:25-14:25: 151.7 mm
    }
}
