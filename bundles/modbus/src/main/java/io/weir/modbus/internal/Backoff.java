package io.weir.modbus.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long to leave a failing device or link alone: after n consecutive failures, {@code initial * 2^(n-1)}, at most
 * {@code max}; the first success resets it. Time comes from the caller, so tests drive it with their own clock.
 * Thread-safe: a link's backoff is bounded anew by the thread that starts or stops a device on it.
 */
final class Backoff {

    private static final Duration FIRST = Duration.ofSeconds(1);
    /** How long a link that only commands use may be left alone: a technician's next request tries it again. */
    static final Duration UNPOLLED_MAX = Duration.ofMinutes(1);

    private final Duration initial;
    private Duration max;
    private Duration delay = Duration.ZERO;
    private Instant failedAt = Instant.MIN;
    private Instant nextAttempt = Instant.MIN;

    Backoff(Duration initial, Duration max) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.max = Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /** A link's backoff before anything polls on it: 1 s, 2 s, 4 s ... then once a minute. */
    static Backoff forLink() {
        return new Backoff(FIRST, UNPOLLED_MAX);
    }

    /**
     * The longest wait for a link polled every {@code pollInterval}, so a link that is back is tried at the next poll:
     * a tenth under the interval, because a failure is noted a little after its poll's slot (the link's thread may be
     * busy), and a full interval from there could let the next slot pass untried.
     */
    static Duration pollBound(Duration pollInterval) {
        return pollInterval.minus(pollInterval.dividedBy(10));
    }

    /** Makes {@code bound} the longest wait from now on; a wait already longer is cut short to it. */
    synchronized void limitTo(Duration bound) {
        if (bound.isNegative() || bound.isZero()) {
            throw new IllegalArgumentException("a backoff bound must be positive, got " + bound);
        }
        max = bound;
        if (delay.compareTo(max) > 0) {
            delay = max;
            nextAttempt = failedAt.plus(max);
        }
    }

    /** The longest wait now. */
    synchronized Duration max() {
        return max;
    }

    synchronized boolean mayAttempt(Instant now) {
        return !now.isBefore(nextAttempt);
    }

    synchronized Instant nextAttempt() {
        return nextAttempt;
    }

    /** The delay that was applied by the last failure; zero after a success. */
    synchronized Duration delay() {
        return delay;
    }

    /** An attempt begun at {@code at} failed: the next one waits from then. */
    synchronized void failed(Instant at) {
        delay = delay.isZero() ? min(initial, max) : min(delay.multipliedBy(2), max);
        failedAt = at;
        nextAttempt = at.plus(delay);
    }

    synchronized void succeeded() {
        delay = Duration.ZERO;
        failedAt = Instant.MIN;
        nextAttempt = Instant.MIN;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
