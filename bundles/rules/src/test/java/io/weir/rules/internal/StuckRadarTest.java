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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmLevel;
import io.weir.api.Reading;

/**
 * A radar level gauge that loses its echo reads its installation height, 9.85 m, again and again. That is a jump no
 * river makes in five minutes: it stays a fault however often it repeats, raises no flood alarm, and the true value
 * coming back is believed at once.
 */
class StuckRadarTest {

    static final Instant T0 = FlashFloodTest.T0;
    static final String RIVER = FlashFloodTest.RIVER;
    static final AlarmLevel[] LEVELS = {BLUE, YELLOW, ORANGE, RED};

    static Instant at(int step) {
        return T0.plus(Duration.ofMinutes(5L * step));
    }

    private static Replay replay() {
        var replay = new Replay(T0);
        replay.engine.register(FlashFloodTest.radarHealth(replay.engine));
        replay.engine.register(new ThresholdRule(new ThresholdRuleSpec("river-level", RIVER, Direction.ABOVE,
                Map.of(BLUE, 3.0, YELLOW, 3.5, ORANGE, 4.0, RED, 4.5), 0.05, "m"), replay.engine.occurrences()));
        replay.engine.register(new RateOfRiseRule(new RateOfRiseRule.Spec("river-rise", RIVER, Duration.ofHours(1),
                Map.of(YELLOW, 0.10, RED, 0.50), 0.02, "m", Debounce.NONE), replay.engine.occurrences()));
        return replay;
    }

    @Test
    void theInstallationHeightRepeatedIsAFaultAndTheTrueValueComingBackIsBelieved() {
        var replay = replay();
        var times = new ArrayList<Instant>();
        var truth = new ArrayList<Double>();  // what the river did, where the radar saw it
        for (int step = 0; step <= 30; step++) {
            boolean lost = step >= 6 && step <= 11; // 08:30 .. 08:55: no echo
            double river = step < 12 ? 2.10 : 2.10 + 0.08 * (step - 11); // rising 0.96 m/h after 09:00
            replay.feed(Reading.good(RIVER, at(step), lost ? 9.85 : river, "m"));
            if (!lost) {
                times.add(at(step));
                truth.add(river);
            }
        }

        assertThat(replay.events).filteredOn(e -> e.level() == FAULT).extracting(AlarmEvent::transition,
                AlarmEvent::timestamp, AlarmEvent::reason).containsExactly(
                tuple(RAISED, at(6), "SPIKE"), tuple(CLEARED, at(12), null));
        List<Reference.Change> level = Reference.levels(times, t -> 0.05, LEVELS, new double[] {3.0, 3.5, 4.0, 4.5},
                (i, l) -> truth.get(i), 0);
        List<Reference.Change> rise = Reference.levels(times, t -> 0.02, new AlarmLevel[] {YELLOW, RED},
                new double[] {0.10, 0.50}, (i, l) -> Reference.fittedChange(times, truth,
                        times.get(i).minus(Duration.ofHours(1)), times.get(i)), 0);
        assertThat(level).isNotEmpty(); // the true rise after 09:00 does reach blue
        assertThat(Reference.changes(replay.events, "river-level")).isEqualTo(level);
        assertThat(Reference.changes(replay.events, "river-rise")).isEqualTo(rise);
        assertThat(level.get(0).at()).isAfter(at(12));
    }

    @Test
    void aJumpStaysAFaultUntilATechnicianConfirmsIt() {
        var replay = replay();
        for (int step = 0; step <= 5; step++) {
            replay.feed(Reading.good(RIVER, at(step), 2.10, "m"));
        }
        for (int step = 6; step <= 30; step++) { // the gauge was moved: 3 m higher, steady for two hours
            replay.feed(Reading.good(RIVER, at(step), 5.10, "m"));
        }
        assertThat(replay.events).extracting(AlarmEvent::ruleId, AlarmEvent::transition, AlarmEvent::level)
                .containsExactly(tuple("radar-health", RAISED, FAULT));

        replay.clock.set(at(30).plusSeconds(60));
        assertThat(new ConfirmCommand(replay.engine).handle(Map.of("rule", "radar-health", "by", "technician")))
                .contains("\"confirmed\":true");
        replay.feed(Reading.good(RIVER, at(31), 5.10, "m"));

        assertThat(replay.events).extracting(AlarmEvent::ruleId, AlarmEvent::transition, AlarmEvent::level,
                AlarmEvent::timestamp).containsExactly(
                tuple("radar-health", RAISED, FAULT, at(6)),
                tuple("radar-health", CLEARED, FAULT, at(30).plusSeconds(60)),
                tuple("river-level", RAISED, RED, at(31)));
    }
}
