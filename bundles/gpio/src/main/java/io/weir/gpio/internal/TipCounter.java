package io.weir.gpio.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.weir.api.Reading;

/**
 * Counts the tips of a tipping-bucket rain gauge from its pulses. A reed switch bounces when it closes: an edge
 * closer than {@code minSpacing} to the last counted tip is contact bounce, not rain, and is not counted. Readings
 * carry the mm since the previous reading, as a rainfall rule with source INCREMENT expects. Tips arrive on the
 * provider's thread and readings are taken on the bundle's, hence the lock.
 */
final class TipCounter {

    private final String channel;
    private final long micrometresPerTip;
    private final Duration minSpacing;

    private Instant lastTip;
    private long pending;
    private long bounces;

    TipCounter(String channel, double mmPerTip, Duration minSpacing) {
        if (!(mmPerTip > 0) || !Double.isFinite(mmPerTip)) {
            throw new IllegalArgumentException("channel " + channel + ": mm per tip must be positive, was "
                    + mmPerTip);
        }
        if (minSpacing.isNegative()) {
            throw new IllegalArgumentException("channel " + channel + ": debounce must not be negative");
        }
        this.channel = channel;
        this.micrometresPerTip = Math.round(mmPerTip * 1000);
        this.minSpacing = minSpacing;
    }

    /** @return true when the edge counted as a tip, false when it was bounce */
    synchronized boolean tip(Instant at) {
        if (lastTip != null && Duration.between(lastTip, at).compareTo(minSpacing) < 0) {
            bounces++;
            return false;
        }
        lastTip = at;
        pending++;
        return true;
    }

    /** The rain counted since the last reading, if any tip was: what is published right after a tip. */
    synchronized Optional<Reading> tips(Instant at) {
        return pending == 0 ? Optional.empty() : Optional.of(report(at));
    }

    /** The rain counted since the last reading, zero if none: the periodic reading that says the gauge is there. */
    synchronized Reading report(Instant at) {
        long micrometres = pending * micrometresPerTip;
        pending = 0;
        return Reading.good(channel, at, micrometres / 1000.0, "mm");
    }

    /** Edges not counted as tips so far: a high figure points at a worn switch or a too short debounce. */
    synchronized long bounces() {
        return bounces;
    }
}
