package io.weir.rules.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;

import io.weir.api.AlarmLevel;

/**
 * Whether a rule's input has gone stale: no usable reading for {@code after}. A stale rule must say so rather than
 * hold its alarm on old data: its windows follow the clock, its alarm may fall but never rise, and its events carry
 * {@value #REASON}. Not thread-safe.
 */
final class Staleness {

    /** The reason events of a stale rule carry. */
    static final String REASON = "STALE";

    private final Duration after;
    private long lastUsable = Long.MIN_VALUE;
    private boolean stale;

    /** @param after how long without a usable reading makes the input stale; zero: never */
    Staleness(Duration after) {
        this.after = after;
    }

    /** A usable reading taken at {@code millis}: the input is fresh. */
    void usable(long millis) {
        lastUsable = Math.max(lastUsable, millis);
        stale = false;
    }

    /** Looks at the time: true if the input is stale by {@code nowMillis} (it stays so until a usable reading). */
    boolean check(long nowMillis) {
        if (!after.isZero() && lastUsable != Long.MIN_VALUE && nowMillis - lastUsable >= after.toMillis()) {
            stale = true;
        }
        return stale;
    }

    boolean stale() {
        return stale;
    }

    /** The reason an event says, {@code null} while the input is fresh. */
    String reason() {
        return stale ? REASON : null;
    }

    /** The level the alarm may go to: while stale, never above the one it is at, and none when there is none. */
    AlarmLevel cap(AlarmLevel target, AlarmLevel current) {
        if (!stale || (target != null && current != null && target.compareTo(current) <= 0)) {
            return target;
        }
        return target == null ? null : current;
    }

    void shift(long millis) {
        if (lastUsable != Long.MIN_VALUE) {
            lastUsable += millis;
        }
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(lastUsable);
        out.writeBoolean(stale);
    }

    void read(DataInput in) throws IOException {
        lastUsable = in.readLong();
        stale = in.readBoolean();
    }

    void copy(Staleness other) {
        lastUsable = other.lastUsable;
        stale = other.stale;
    }

    /** For state written before staleness was kept: fresh as of {@code millis}. */
    void restart(long millis) {
        lastUsable = millis;
        stale = false;
    }
}
