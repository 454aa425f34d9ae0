package io.weir.rules.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Notices the wall clock being stepped (set by hand, corrected by NTP, or synchronised at last on a gateway
 * without a real-time clock) by comparing it with a monotonic clock that steps never. Slow drift, as NTP slews the
 * clock, is followed silently.
 */
final class ClockWatch {

    static final Duration TOLERANCE = Duration.ofMinutes(1);

    private final Clock wall;
    private final LongSupplier monotonicNanos;
    private boolean started;
    private long offset; // wall millis minus monotonic millis

    ClockWatch(Clock wall, LongSupplier monotonicNanos) {
        this.wall = wall;
        this.monotonicNanos = monotonicNanos;
    }

    /** How far the wall clock was stepped since the last look, in ms (either sign); 0 for none. */
    long step() {
        long now = wall.millis() - monotonicNanos.getAsLong() / 1_000_000;
        if (!started) {
            started = true;
            offset = now;
            return 0;
        }
        long step = now - offset;
        offset = now;
        return Math.abs(step) < TOLERANCE.toMillis() ? 0 : step;
    }
}
