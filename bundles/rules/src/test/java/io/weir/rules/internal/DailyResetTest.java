package io.weir.rules.internal;

import static io.weir.api.AlarmLevel.FAULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.weir.api.AlarmEvent;
import io.weir.api.Reading;
import io.weir.testing.Configs;

/**
 * A gauge that resets its own counter at 08:00 every day, as many RTUs do for the hydrological day. Configured so
 * (the site file's {@code resetsDaily}), the daily drop is no fault and the totals are right; not configured so,
 * every morning opens a maintenance case.
 */
class DailyResetTest {

    static final String GAUGE = "62001200/rain-1/rain_counter";
    static final Instant START = Instant.parse("2026-07-13T22:00:00Z"); // 06:00 local on the 14th

    static RainfallRule rule(Replay replay, boolean resetsDaily) {
        Map<String, Object> config = new HashMap<>(Map.of("ruleId", "rain", "channel", GAUGE,
                "criteria", new String[] {"red:day:500"}));
        config.put("resetsDaily", resetsDaily);
        return replay.add(new RainfallRule(RainfallRuleComponent.spec(Configs.of(RainfallRuleConfig.class, config)),
                replay.engine.occurrences()));
    }

    /** Three days of 5-minute readings, 0.2 mm in each from 06:00 to 10:00; the counter resets at 08:00. */
    static List<Reference.Rain> feed(Replay replay) {
        var rain = new ArrayList<Reference.Rain>();
        long count = 500;
        replay.feed(Reading.good(GAUGE, START, count / 10.0, "mm"));
        for (int step = 1; step <= 3 * 288; step++) {
            Instant at = START.plus(Duration.ofMinutes(5L * step));
            int minuteOfDay = (int) Math.floorMod(Duration.between(START, at).toMinutes() + 6 * 60, 24 * 60);
            boolean raining = minuteOfDay > 6 * 60 && minuteOfDay <= 10 * 60;
            if (minuteOfDay == 8 * 60) {
                count = 0; // reset at 08:00: the tips of 07:55-08:00 went with it
            } else if (raining) {
                count += 2;
                rain.add(new Reference.Rain(at.minus(Duration.ofMinutes(5)), at, 0.2));
            }
            replay.feed(Reading.good(GAUGE, at, count / 10.0, "mm"));
        }
        return rain;
    }

    @Test
    void configuredSoTheDailyResetIsNoFaultAndTheDaysAreRight() {
        var replay = new Replay(START);
        rule(replay, true);
        List<Reference.Rain> rain = feed(replay);

        assertThat(replay.events).isEmpty();
        List<Reading> daily = replay.derived.stream().filter(r -> r.channel().equals(GAUGE + RainfallRule.DAILY))
                .toList();
        assertThat(daily).hasSize(3).allSatisfy(r -> assertThat((Double) r.value()).isCloseTo(
                Reference.rainIn(rain, r.timestamp().minus(Duration.ofDays(1)), r.timestamp()), within(1e-9)));
    }

    @Test
    void notConfiguredSoEveryMorningIsAFault() {
        var replay = new Replay(START);
        rule(replay, false);
        feed(replay);

        assertThat(replay.events).filteredOn(e -> e.level() == FAULT)
                .extracting(AlarmEvent::reason).containsExactly("COUNTER_RESET", null, "COUNTER_RESET", null,
                        "COUNTER_RESET", null);
    }
}
