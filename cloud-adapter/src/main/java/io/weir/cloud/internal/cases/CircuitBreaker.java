package io.weir.cloud.internal.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops hammering a platform that is down: after {@code threshold} transient failures in a row the breaker opens
 * and no request is made for {@code coolDown}; then one trial request may go (half open): success closes the
 * breaker, failure opens it for another cool-down. The outbox keeps every row meanwhile, so nothing is lost.
 */
public final class CircuitBreaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final Duration coolDown;
    private final Clock clock;
    private int failures;
    private Instant openUntil;
    private boolean trialOut;

    public CircuitBreaker(int threshold, Duration coolDown, Clock clock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1, was " + threshold);
        }
        this.threshold = threshold;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    /** Whether a request may go now; in the half-open state only one at a time. */
    public synchronized boolean allowRequest() {
        if (openUntil == null) {
            return true;
        }
        if (clock.instant().isBefore(openUntil) || trialOut) {
            return false;
        }
        trialOut = true;
        return true;
    }

    public synchronized void onSuccess() {
        failures = 0;
        openUntil = null;
        trialOut = false;
    }

    /** The request allowed was not made after all (another instance took the row): no verdict. */
    public synchronized void release() {
        trialOut = false;
    }

    public synchronized void onFailure() {
        failures++;
        if (trialOut || failures >= threshold) {
            openUntil = clock.instant().plus(coolDown);
            trialOut = false;
        }
    }

    public synchronized State state() {
        if (openUntil == null) {
            return State.CLOSED;
        }
        return clock.instant().isBefore(openUntil) ? State.OPEN : State.HALF_OPEN;
    }
}
