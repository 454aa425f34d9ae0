package io.weir.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.weir.api.Quality;
import io.weir.api.Reading;

/**
 * The 08:00 day boundary as SL 21 draws it: a day runs from 08:00 to 08:00, and the rain of the interval ending at
 * 08:00 is the day's that ends then. A gauge reporting hourly makes the difference a whole hour of rain.
 */
class HydroDayTest {

    static final String GAUGE = "62001200/rain-1/rain_counter";
    static final Instant SIX = Instant.parse("2026-07-13T22:00:00Z"); // 06:00 local, 14 July

    @Test
    void theHourEndingAt0800BelongsToTheDayEndingThen() {
        var replay = new Replay(SIX);
        var rule = replay.add(new RainfallRule(RainfallRule.Spec.of("rain", GAUGE, RainfallRule.Gauge.counter(),
                RainfallCriteria.of("red:day:500"), 0, Debounce.NONE, Replay.CHINA), replay.engine.occurrences()));
        Instant seven = SIX.plus(Duration.ofHours(1));
        Instant eight = SIX.plus(Duration.ofHours(2));
        Instant nine = SIX.plus(Duration.ofHours(3));
        var rain = List.of(new Reference.Rain(SIX, seven, 5.0), new Reference.Rain(seven, eight, 12.0),
                new Reference.Rain(eight, nine, 3.0));

        replay.feed(Reading.good(GAUGE, SIX, 100.0, "mm"));
        replay.feed(Reading.good(GAUGE, seven, 105.0, "mm"));
        replay.feed(Reading.good(GAUGE, eight, 117.0, "mm"));
        double dayAtEight = rule.rainMm(RainWindow.DAY);
        replay.feed(Reading.good(GAUGE, nine, 120.0, "mm"));

        Instant dayStart = eight.minus(Duration.ofDays(1)); // 08:00 on 13 July: the day named 13 July
        assertThat(dayAtEight).isEqualTo(Reference.rainIn(rain, dayStart, eight)).isEqualTo(17.0);
        assertThat(rule.rainMm(RainWindow.DAY)).isEqualTo(Reference.rainIn(rain, eight, nine)).isEqualTo(3.0);
        assertThat(replay.derived).filteredOn(r -> r.channel().equals(GAUGE + RainfallRule.DAILY))
                .extracting(Reading::timestamp, Reading::value, Reading::quality)
                .containsExactly(tuple(eight, 17.0, Quality.GOOD));
        assertThat(replay.derived).filteredOn(r -> r.channel().equals(GAUGE + RainfallRule.HOURLY))
                .extracting(Reading::timestamp, Reading::value)
                .containsExactly(tuple(seven, 5.0), tuple(eight, 12.0), tuple(nine, 3.0));
        assertThat(new HydroCalendar(Replay.CHINA).dayName(eight.toEpochMilli())).hasToString("2026-07-13");
    }
}
