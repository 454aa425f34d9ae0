package io.weir.rules.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmLevel;
import io.weir.api.AlarmTransition;
import io.weir.api.SiteInfo;

/**
 * The life of one rule's alarm. The rule says, at each evaluation, which level its condition is at now (the
 * target, {@code null} for none); the tracker turns that into lifecycle events:
 * RAISED → (ESCALATED | DEESCALATED | ACKNOWLEDGED)* → CLEARED, with one alarm id from raise to clear and a
 * sequence number per event of that alarm. A {@link Debounce} holds back changes until the target has held long
 * enough, and keeps a level at least its minimum hold after it was reached. An escalation re-arms the acknowledgement: outputs latched on the alarm sound again for the new level.
 * Its state is written and read back so a restarted gateway goes on with the same alarm instead of raising it
 * twice. Not thread-safe.
 */
final class AlarmTracker {

    /**
     * What an event says about the value behind a level.
     *
     * @param reason why a FAULT alarm is active (e.g. STUCK), else {@code null}
     */
    record Detail(Double value, Double threshold, Duration window, String reason) {

        Detail(Double value, Double threshold, Duration window) {
            this(value, threshold, window, null);
        }
    }

    private final String ruleId;
    private final Supplier<List<String>> channels;
    private final OccurrenceNumbers occurrences;
    private final Debounce debounce;

    private AlarmLevel level; // null: no active alarm
    private String alarmId;
    private long alarmSeq;
    private boolean acknowledged;
    private Instant upSince;   // since when the target has been above the level, while it is
    private Instant downSince; // since when the target has been below the level, while it is
    private Instant levelSince; // when the alarm reached its level

    AlarmTracker(String ruleId, List<String> channels, OccurrenceNumbers occurrences, Debounce debounce) {
        this(ruleId, constant(List.copyOf(channels)), occurrences, debounce);
    }

    /** @param channels the channels an event names, asked at each event (a composite's operands can change) */
    AlarmTracker(String ruleId, Supplier<List<String>> channels, OccurrenceNumbers occurrences, Debounce debounce) {
        this.ruleId = Objects.requireNonNull(ruleId, "ruleId");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.occurrences = Objects.requireNonNull(occurrences, "occurrences");
        this.debounce = Objects.requireNonNull(debounce, "debounce");
    }

    Optional<AlarmLevel> level() {
        return Optional.ofNullable(level);
    }

    Optional<String> alarmId() {
        return Optional.ofNullable(alarmId);
    }

    /**
     * @param at         when the condition was observed (the reading's time)
     * @param target     the level the condition is at now, {@code null} for none
     * @param clearLevel the level a CLEARED event names (the line the value fell back behind)
     * @param detail     the value, threshold and window behind a level, for the event
     */
    Optional<AlarmEvent> evaluate(Instant at, AlarmLevel target, AlarmLevel clearLevel,
                                  Function<AlarmLevel, Detail> detail, SiteInfo site) {
        if (above(target)) {
            downSince = null;
            upSince = upSince == null ? at : upSince;
            if (Duration.between(upSince, at).compareTo(debounce.raiseAfter()) < 0) {
                return Optional.empty();
            }
            upSince = null;
            levelSince = at;
            if (level == null) {
                alarmId = site.gatewayId() + ":" + ruleId + ":" + occurrences.next(at);
                alarmSeq = 0;
                acknowledged = false;
                level = target;
                return Optional.of(event(target, AlarmTransition.RAISED, at, detail.apply(target), site));
            }
            level = target;
            acknowledged = false;
            return Optional.of(event(target, AlarmTransition.ESCALATED, at, detail.apply(target), site));
        }
        upSince = null;
        if (level == null || target == level) {
            downSince = null;
            return Optional.empty();
        }
        downSince = downSince == null ? at : downSince;
        if (Duration.between(downSince, at).compareTo(debounce.clearAfter()) < 0 || (levelSince != null
                && Duration.between(levelSince, at).compareTo(debounce.minHold()) < 0)) {
            return Optional.empty();
        }
        downSince = null;
        levelSince = at;
        if (target == null) {
            AlarmEvent cleared = event(clearLevel, AlarmTransition.CLEARED, at, detail.apply(clearLevel), site);
            level = null;
            alarmId = null;
            acknowledged = false;
            return Optional.of(cleared);
        }
        level = target;
        return Optional.of(event(target, AlarmTransition.DEESCALATED, at, detail.apply(target), site));
    }

    /** ACKNOWLEDGED once per level reached, for the active alarm with this id only. */
    Optional<AlarmEvent> acknowledge(String id, Instant at, SiteInfo site) {
        if (level == null || !id.equals(alarmId) || acknowledged) {
            return Optional.empty();
        }
        acknowledged = true;
        return Optional.of(event(level, AlarmTransition.ACKNOWLEDGED, at, new Detail(null, null, null), site));
    }

    private boolean above(AlarmLevel target) {
        return target != null && (level == null || target.compareTo(level) > 0);
    }

    private AlarmEvent event(AlarmLevel eventLevel, AlarmTransition transition, Instant at, Detail detail,
                             SiteInfo site) {
        alarmSeq++;
        return new AlarmEvent(alarmId, ruleId, channels.get(), eventLevel, transition, detail.value(),
                detail.threshold(), detail.window(), alarmSeq, at, site, detail.reason());
    }

    private static Supplier<List<String>> constant(List<String> channels) {
        return () -> channels;
    }

    void write(DataOutput out) throws IOException {
        out.writeBoolean(level != null);
        if (level != null) {
            out.writeUTF(level.name());
            out.writeUTF(alarmId);
            out.writeLong(alarmSeq);
            out.writeBoolean(acknowledged);
        }
        writeInstant(out, upSince);
        writeInstant(out, downSince);
        writeInstant(out, levelSince);
    }

    /** The wall clock was stepped: the times it counts from move with it. */
    void shift(long millis) {
        upSince = upSince == null ? null : upSince.plusMillis(millis);
        downSince = downSince == null ? null : downSince.plusMillis(millis);
        levelSince = levelSince == null ? null : levelSince.plusMillis(millis);
    }

    /** @param version the state format: 1 had no level time (no minimum hold was kept) */
    void read(DataInput in, int version) throws IOException {
        if (in.readBoolean()) {
            level = AlarmLevel.valueOf(in.readUTF());
            alarmId = in.readUTF();
            alarmSeq = in.readLong();
            acknowledged = in.readBoolean();
        } else {
            level = null;
            alarmId = null;
            alarmSeq = 0;
            acknowledged = false;
        }
        upSince = readInstant(in);
        downSince = readInstant(in);
        levelSince = version >= 2 ? readInstant(in) : null;
    }

    static void writeInstant(DataOutput out, Instant instant) throws IOException {
        out.writeLong(instant == null ? Long.MIN_VALUE : instant.toEpochMilli());
    }

    static Instant readInstant(DataInput in) throws IOException {
        long millis = in.readLong();
        return millis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(millis);
    }
}
