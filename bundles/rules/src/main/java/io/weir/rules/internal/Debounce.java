package io.weir.rules.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Time debounce of an alarm, against flapping: a higher level must hold for {@code raiseAfter} before the alarm
 * is raised or escalated; a lower level (or none) must hold for {@code clearAfter} before it is de-escalated or
 * cleared. Zero means at once.
 */
record Debounce(Duration raiseAfter, Duration clearAfter) {

    static final Debounce NONE = new Debounce(Duration.ZERO, Duration.ZERO);

    Debounce {
        Objects.requireNonNull(raiseAfter, "raiseAfter");
        Objects.requireNonNull(clearAfter, "clearAfter");
        if (raiseAfter.isNegative() || clearAfter.isNegative()) {
            throw new IllegalArgumentException("debounce times must not be negative: " + raiseAfter + ", "
                    + clearAfter);
        }
    }

    static Debounce ofSeconds(long raiseAfter, long clearAfter) {
        return new Debounce(Duration.ofSeconds(raiseAfter), Duration.ofSeconds(clearAfter));
    }
}
