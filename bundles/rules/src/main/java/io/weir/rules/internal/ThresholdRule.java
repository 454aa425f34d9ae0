package io.weir.rules.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmLevel;
import io.weir.api.AlarmTransition;
import io.weir.api.Quality;
import io.weir.api.Reading;
import io.weir.api.SiteInfo;

/**
 * The life of one threshold rule's alarm, fed one reading at a time.
 * <ul>
 * <li>RAISED when no alarm is active and the value reaches a threshold; the level is the highest one reached.</li>
 * <li>ESCALATED when the value reaches the threshold of a level above the current one.</li>
 * <li>DEESCALATED when the value has come back past the current level's threshold by more than the hysteresis;
 * the new level is the highest one it has not come back past that far. Noise at a threshold therefore never
 * flaps.</li>
 * <li>CLEARED when it has come back that far past the lowest level's threshold. The event carries the lowest
 * level and its threshold: the line the value fell back behind.</li>
 * </ul>
 * Only GOOD numeric readings of the rule's channel count: a broken or doubtful sensor must neither raise an alarm
 * nor quietly clear one. Not thread-safe; the caller serialises readings.
 */
final class ThresholdRule {

    private final ThresholdRuleSpec spec;
    private final OccurrenceNumbers occurrences;
    private final List<AlarmLevel> levels; // used levels, lowest first

    private AlarmLevel level; // null when no alarm is active
    private String alarmId;
    private long alarmSeq;

    ThresholdRule(ThresholdRuleSpec spec, OccurrenceNumbers occurrences) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.occurrences = Objects.requireNonNull(occurrences, "occurrences");
        this.levels = List.copyOf(spec.thresholds().keySet());
    }

    ThresholdRuleSpec spec() {
        return spec;
    }

    /** The active alarm's level, if an alarm is active. */
    Optional<AlarmLevel> level() {
        return Optional.ofNullable(level);
    }

    /**
     * @param reading any reading; those of other channels, of other quality than GOOD or without a finite number
     *                change nothing
     * @param site    the gateway's identity and location, for the event
     * @return the transition the reading caused, if any
     */
    Optional<AlarmEvent> apply(Reading reading, SiteInfo site) {
        OptionalDouble number = reading.numeric();
        if (!reading.channel().equals(spec.channel()) || reading.quality() != Quality.GOOD || number.isEmpty()
                || !Double.isFinite(number.getAsDouble())) {
            return Optional.empty();
        }
        double value = number.getAsDouble();
        AlarmLevel reached = highestReached(value);
        if (level == null) {
            if (reached == null) {
                return Optional.empty();
            }
            alarmId = site.gatewayId() + ":" + spec.ruleId() + ":" + occurrences.next(reading.timestamp());
            alarmSeq = 0;
            return Optional.of(moveTo(reached, AlarmTransition.RAISED, reading, value, site));
        }
        if (reached != null && reached.compareTo(level) > 0) {
            return Optional.of(moveTo(reached, AlarmTransition.ESCALATED, reading, value, site));
        }
        AlarmLevel held = highestHeld(value);
        if (held == null) {
            AlarmEvent cleared = event(spec.lowest(), AlarmTransition.CLEARED, reading, value, site);
            level = null;
            alarmId = null;
            return Optional.of(cleared);
        }
        if (held.compareTo(level) < 0) {
            return Optional.of(moveTo(held, AlarmTransition.DEESCALATED, reading, value, site));
        }
        return Optional.empty();
    }

    private AlarmLevel highestReached(double value) {
        AlarmLevel highest = null;
        for (AlarmLevel l : levels) {
            if (spec.direction().reaches(value, spec.threshold(l))) {
                highest = l;
            }
        }
        return highest;
    }

    /** The highest level up to the current one that the value has not come back past by the hysteresis. */
    private AlarmLevel highestHeld(double value) {
        AlarmLevel highest = null;
        for (AlarmLevel l : levels) {
            if (l.compareTo(level) <= 0
                    && !spec.direction().pastBy(value, spec.threshold(l), spec.hysteresis())) {
                highest = l;
            }
        }
        return highest;
    }

    private AlarmEvent moveTo(AlarmLevel to, AlarmTransition transition, Reading reading, double value,
                              SiteInfo site) {
        level = to;
        return event(to, transition, reading, value, site);
    }

    private AlarmEvent event(AlarmLevel eventLevel, AlarmTransition transition, Reading reading, double value,
                             SiteInfo site) {
        alarmSeq++;
        return new AlarmEvent(alarmId, spec.ruleId(), List.of(spec.channel()), eventLevel, transition, value,
                spec.threshold(eventLevel), null, alarmSeq, reading.timestamp(), site);
    }
}
