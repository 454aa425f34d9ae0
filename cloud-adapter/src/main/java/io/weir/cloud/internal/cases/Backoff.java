package io.weir.cloud.internal.cases;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: after the n-th failed attempt wait a uniformly random time in
 * [0, min(cap, base * 2^(n-1))], so many clients retrying a recovering platform spread out instead of stampeding.
 */
public final class Backoff {
    private final long baseMillis;
    private final long capMillis;
    private final RandomGenerator random;

    public Backoff(Duration base, Duration cap, RandomGenerator random) {
        this.baseMillis = base.toMillis();
        this.capMillis = cap.toMillis();
        this.random = random;
    }

    /** The ceiling of the wait after {@code failedAttempts} failures (at least 1). */
    public long ceilingMillis(int failedAttempts) {
        int doublings = Math.max(0, failedAttempts - 1);
        if (doublings >= Long.numberOfLeadingZeros(baseMillis) - 1) {
            return capMillis;
        }
        return Math.min(capMillis, baseMillis << doublings);
    }

    public Duration delayAfter(int failedAttempts) {
        return Duration.ofMillis(random.nextLong(ceilingMillis(failedAttempts) + 1));
    }

    /**
     * As {@link #delayAfter(int)}, but never sooner than the server's Retry-After hint (if any), which is itself
     * held to the cap.
     */
    public Duration delayAfter(int failedAttempts, Duration retryAfter) {
        Duration delay = delayAfter(failedAttempts);
        if (retryAfter == null) {
            return delay;
        }
        long hint = Math.min(capMillis, Math.max(0, retryAfter.toMillis()));
        return hint > delay.toMillis() ? Duration.ofMillis(hint) : delay;
    }
}
