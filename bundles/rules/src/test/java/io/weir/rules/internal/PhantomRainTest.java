package io.weir.rules.internal;

import static io.weir.api.AlarmLevel.FAULT;
import static io.weir.api.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.weir.api.AlarmEvent;
import io.weir.api.Quality;
import io.weir.api.QualityReason;
import io.weir.api.Reading;

/**
 * Counters read again after long outages. A solar station whose battery died overnight restarts its counter: that
 * is a restart, not 6,254.9 mm of rain through a wrap. Rain the counter did carry across a three-day outage fell
 * at times nobody knows: it is spread over the outage, never squeezed into the last day, and what is published of
 * it says it is an estimate.
 */
class PhantomRainTest {

    static final String GAUGE = "62001200/rain-1/rain_counter";
    static final Instant T0 = Instant.parse("2026-07-14T10:00:00Z"); // 18:00 local

    private static RainfallRule rule(Replay replay) {
        return replay.add(new RainfallRule(RainfallRule.Spec.of("rainstorm", GAUGE, RainfallRule.Gauge.counter(),
                RainfallCriteria.CMA_OBSERVED_RAIN, 1, Debounce.NONE, Replay.CHINA), replay.engine.occurrences()));
    }

    @Test
    void aCounterRestartedAfterTwentyTwoHoursIsARestartAndNoRain() {
        var replay = new Replay(T0);
        RainfallRule rule = rule(replay);
        replay.feed(Reading.good(GAUGE, T0.minus(Duration.ofMinutes(5)), 1234.5, "mm"));
        replay.feed(Reading.good(GAUGE, T0, 1234.5, "mm"));
        Instant back = T0.plus(Duration.ofMinutes(1308)); // 21 h 48 min later: 3 tips since the restart
        replay.feed(Reading.good(GAUGE, back, 0.3, "mm"));

        var rain = List.of(new Reference.Rain(T0, back, 0.3));
        assertThat(rule.rainMm(RainWindow.H24)).isCloseTo(Reference.rainIn(rain, back.minus(Duration.ofHours(24)),
                back), within(0.001));
        assertThat(rule.rainMm(RainWindow.H1)).isCloseTo(Reference.rainIn(rain, back.minus(Duration.ofHours(1)),
                back), within(0.001));
        assertThat(replay.events).extracting(AlarmEvent::ruleId, AlarmEvent::transition, AlarmEvent::level,
                AlarmEvent::timestamp, AlarmEvent::reason).containsExactly(
                tuple("rainstorm.fault", RAISED, FAULT, back, "COUNTER_RESET"));
    }

    @Test
    void rainCarriedAcrossAThreeDayOutageIsSpreadOverItAndPublishedAsAnEstimate() {
        var replay = new Replay(T0);
        RainfallRule rule = rule(replay);
        replay.feed(Reading.good(GAUGE, T0, 100.0, "mm"));
        Instant back = T0.plus(Duration.ofHours(72));
        replay.feed(Reading.good(GAUGE, back, 300.0, "mm"));

        var rain = List.of(new Reference.Rain(T0, back, 200.0));
        for (RainWindow w : List.of(RainWindow.H1, RainWindow.H3, RainWindow.H12, RainWindow.H24, RainWindow.H72)) {
            assertThat(rule.rainMm(w)).as(w.label()).isCloseTo(Reference.rainIn(rain, back.minus(w.duration()),
                    back), within(0.01));
        }
        assertThat(replay.events).isEmpty(); // 33.3 mm in 12 h: no rain this gauge saw reaches blue

        List<Reading> daily = replay.derived.stream().filter(r -> r.channel().equals(GAUGE + RainfallRule.DAILY))
                .toList();
        // the days ending at 08:00 on the 16th and 17th; the one ending on the 15th began before the 72 hours kept
        assertThat(daily).hasSize(2).allSatisfy(r -> {
            assertThat(r.quality()).isEqualTo(Quality.UNCERTAIN);
            assertThat(r.reason()).isEqualTo(QualityReason.STALE);
            assertThat((Double) r.value()).isCloseTo(Reference.rainIn(rain, r.timestamp().minus(Duration.ofDays(1)),
                    r.timestamp()), within(0.01));
        });
        List<Reading> hourly = replay.derived.stream().filter(r -> r.channel().equals(GAUGE + RainfallRule.HOURLY))
                .toList();
        assertThat(hourly).hasSize(72).allSatisfy(r -> assertThat((Double) r.value()).isCloseTo(200.0 / 72,
                within(0.01)));
    }
}
