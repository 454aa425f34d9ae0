package io.weir.uplink.internal;

import java.util.function.LongSupplier;

/**
 * Spaces messages evenly at {@code perSecond}, allowing a burst of up to one second's worth after a quiet spell.
 * A rate of 0 (the default) means no limit. Not thread-safe: the drain thread alone uses it.
 */
final class RateLimit {

    private final long intervalNanos;
    private final long burstNanos;
    private final LongSupplier nanoTime;
    private long next;

    RateLimit(double perSecond, LongSupplier nanoTime) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("rate must not be negative, was " + perSecond);
        }
        this.intervalNanos = perSecond == 0 ? 0 : (long) (1e9 / perSecond);
        // How far behind the schedule may fall: one second's worth of messages may then go at once.
        this.burstNanos = Math.max(intervalNanos, 1_000_000_000L) - intervalNanos;
        this.nanoTime = nanoTime;
        this.next = nanoTime.getAsLong() - burstNanos;
    }

    /** Takes a slot if one is free and returns 0; otherwise takes nothing and returns the nanoseconds to wait. */
    long tryAcquire() {
        if (intervalNanos == 0) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        long earliest = Math.max(next, now - burstNanos);
        if (earliest > now) {
            return earliest - now;
        }
        next = earliest + intervalNanos;
        return 0;
    }
}
