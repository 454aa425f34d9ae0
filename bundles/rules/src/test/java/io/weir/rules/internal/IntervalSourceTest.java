package io.weir.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.weir.api.Reading;
import io.weir.testing.Configs;

/**
 * Rain reported as a series of observation intervals, as an SL 651 RTU's hourly report carries twelve 5-minute
 * amounts with their own times: each reading is "the 5 minutes to its time: so much". RTUs send a report again when
 * it was not acknowledged, so an interval may come twice, or late: it counts once.
 */
class IntervalSourceTest {

    static final String SERIES = "62001200/rtu-7/rain_5m";
    static final Instant T0 = Instant.parse("2026-07-14T02:00:00Z"); // 10:00 local

    static RainfallRule rule(Replay replay) {
        return replay.add(new RainfallRule(RainfallRuleComponent.spec(Configs.of(RainfallRuleConfig.class, Map.of(
                "ruleId", "rtu-rain", "channel", SERIES, "source", "INTERVAL", "intervalSeconds", 300L,
                "criteria", new String[] {"blue:1h:30"}))), replay.engine.occurrences()));
    }

    @Test
    void anIntervalSentTwiceOrLateCountsOnce() {
        var replay = new Replay(T0);
        RainfallRule rule = rule(replay);
        var rain = new ArrayList<Reference.Rain>();
        var report = new ArrayList<Reading>();
        for (int k = 1; k <= 12; k++) { // the hourly report: 10:05 .. 11:00
            Instant end = T0.plus(Duration.ofMinutes(5L * k));
            double mm = k * 0.5;
            report.add(Reading.good(SERIES, end, mm, "mm"));
            rain.add(new Reference.Rain(end.minus(Duration.ofMinutes(5)), end, mm));
        }
        replay.clock.set(T0.plus(Duration.ofMinutes(61)));
        replay.engine.onReadings(report);
        replay.engine.onReadings(report.subList(3, 9)); // sent again, unacknowledged
        replay.engine.onReadings(List.of(Reading.good(SERIES, T0.plus(Duration.ofMinutes(20)), 9.9, "mm")));

        Instant eleven = T0.plus(Duration.ofHours(1));
        assertThat(rule.rainMm(RainWindow.H1)).isCloseTo(Reference.rainIn(rain, T0, eleven), within(1e-9))
                .isEqualTo(39.0);
        assertThat(replay.derived).filteredOn(r -> r.channel().equals(SERIES + RainfallRule.HOURLY))
                .extracting(Reading::value).containsExactly(39.0);
    }
}
