package io.weir.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One step in an alarm's life.
 *
 * @param alarmId    stable from RAISED to CLEARED; a new occurrence gets a new id
 * @param ruleId     the rule that owns the alarm
 * @param channels   the channels the rule looked at
 * @param level      the level after this transition
 * @param transition what happened
 * @param value      the value that caused the transition, if any
 * @param threshold  the threshold of the level reached (or left), if any
 * @param window     the rule's window for windowed rules, else {@code null}
 * @param alarmSeq   1 for RAISED, then +1 per event of this alarm
 * @param timestamp  when the transition happened
 * @param site       where
 * @param reason     why a FAULT alarm is active (e.g. {@code NO_DATA}, {@code STUCK}, {@code OUT_OF_RANGE},
 *                   {@code SPIKE}, {@code COUNTER_RESET}, {@code RAIN_CLAMPED}); on a warning level {@code STALE}
 *                   when the rule's input has stopped and the event comes from time passing, not from data; else
 *                   {@code null}; since 1.2
 * @param acknowledgement who took the alarm, on an {@link AlarmTransition#ACKNOWLEDGED} event whose acknowledger
 *                   said so, else {@code null}; since 1.4
 */
public record AlarmEvent(String alarmId, String ruleId, List<String> channels, AlarmLevel level,
                         AlarmTransition transition, Double value, Double threshold, Duration window, long alarmSeq,
                         Instant timestamp, SiteInfo site, String reason, Acknowledgement acknowledgement) {

    /** An event that names no acknowledger: every transition but an acknowledgement, and older producers'. */
    public AlarmEvent(String alarmId, String ruleId, List<String> channels, AlarmLevel level,
                      AlarmTransition transition, Double value, Double threshold, Duration window, long alarmSeq,
                      Instant timestamp, SiteInfo site, String reason) {
        this(alarmId, ruleId, channels, level, transition, value, threshold, window, alarmSeq, timestamp, site,
                reason, null);
    }

    /** An event without a reason: every warning-level event, and FAULT events of a producer that gives none. */
    public AlarmEvent(String alarmId, String ruleId, List<String> channels, AlarmLevel level,
                      AlarmTransition transition, Double value, Double threshold, Duration window, long alarmSeq,
                      Instant timestamp, SiteInfo site) {
        this(alarmId, ruleId, channels, level, transition, value, threshold, window, alarmSeq, timestamp, site, null,
                null);
    }

    public AlarmEvent {
        Objects.requireNonNull(alarmId, "alarmId");
        Objects.requireNonNull(ruleId, "ruleId");
        channels = List.copyOf(channels);
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(transition, "transition");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(site, "site");
        if (acknowledgement != null && transition != AlarmTransition.ACKNOWLEDGED) {
            throw new IllegalArgumentException("a " + transition + " event of " + alarmId + " cannot name an"
                    + " acknowledgement");
        }
        if (alarmSeq < 1) {
            throw new IllegalArgumentException("alarmSeq of " + alarmId + " must be at least 1, was " + alarmSeq);
        }
    }

    /** This ACKNOWLEDGED event, saying who took the alarm. */
    public AlarmEvent acknowledgedBy(Acknowledgement by) {
        return new AlarmEvent(alarmId, ruleId, channels, level, transition, value, threshold, window, alarmSeq,
                timestamp, site, reason, by);
    }
}
