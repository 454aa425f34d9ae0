package io.weir.rules.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Time debounce of an alarm, against flapping: a higher level must hold for {@code raiseAfter} before the alarm
 * is raised or escalated; a lower level (or none) must hold for {@code clearAfter} before it is de-escalated or
 * cleared; and a level once reached is kept at least {@code minHold}, however fast the value falls back, so a
 * shower every hour is one alarm and not one per shower. Zero means at once.
 */
record Debounce(Duration raiseAfter, Duration clearAfter, Duration minHold) {

    static final Debounce NONE = new Debounce(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    Debounce {
        Objects.requireNonNull(raiseAfter, "raiseAfter");
        Objects.requireNonNull(clearAfter, "clearAfter");
        Objects.requireNonNull(minHold, "minHold");
        if (raiseAfter.isNegative() || clearAfter.isNegative() || minHold.isNegative()) {
            throw new IllegalArgumentException("debounce times must not be negative: " + raiseAfter + ", "
                    + clearAfter + ", " + minHold);
        }
    }

    Debounce(Duration raiseAfter, Duration clearAfter) {
        this(raiseAfter, clearAfter, Duration.ZERO);
    }

    static Debounce ofSeconds(long raiseAfter, long clearAfter, long minHold) {
        return new Debounce(Duration.ofSeconds(raiseAfter), Duration.ofSeconds(clearAfter),
                Duration.ofSeconds(minHold));
    }
}
