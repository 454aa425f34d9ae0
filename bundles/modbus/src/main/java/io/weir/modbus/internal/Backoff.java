package io.weir.modbus.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long to leave a failing device alone: after n consecutive failures, {@code initial * 2^(n-1)}, at most
 * {@code max}; the first success resets it. Time comes from the caller, so tests drive it with their own clock.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration delay = Duration.ZERO;
    private Instant nextAttempt = Instant.MIN;

    Backoff(Duration initial, Duration max) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.max = Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    boolean mayAttempt(Instant now) {
        return !now.isBefore(nextAttempt);
    }

    Instant nextAttempt() {
        return nextAttempt;
    }

    /** The delay that was applied by the last failure; zero after a success. */
    Duration delay() {
        return delay;
    }

    void failed(Instant now) {
        delay = delay.isZero() ? initial : min(delay.multipliedBy(2), max);
        nextAttempt = now.plus(delay);
    }

    void succeeded() {
        delay = Duration.ZERO;
        nextAttempt = Instant.MIN;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
