package io.weir.uplink.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the n-th consecutive failure waits a random time between half and all of
 * min(cap, base * 2^n), so a fleet that lost its broker together does not reconnect together.
 */
final class Backoff {

    private final Duration base;
    private final Duration cap;
    private final DoubleSupplier random;
    private int failures;

    Backoff(Duration base, Duration cap, DoubleSupplier random) {
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    Duration nextDelay() {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(failures, 20));
        failures++;
        return Duration.ofMillis((long) (ceiling * (0.5 + 0.5 * random.getAsDouble())));
    }

    void reset() {
        failures = 0;
    }
}
