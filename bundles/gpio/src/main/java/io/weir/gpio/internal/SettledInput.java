package io.weir.gpio.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.weir.api.Quality;
import io.weir.api.Reading;

/**
 * A two-state input (a door contact, a mains-power sense line) as a boolean channel. A change counts once the line
 * has been quiet for {@code settle}: every edge restarts the wait, and when it ends the line is read again, so
 * contact bounce never reaches the readings and the last state always does. The reading carries the time of the
 * last edge: when the door opened, not when the wait ended.
 */
final class SettledInput {

    private final String channel;
    private final BooleanSupplier active;
    private final Duration settle;
    private final Clock clock;
    private final Later later;

    private Later.Task waiting;
    private Instant lastEdge;
    private Boolean published;

    /** @param active whether the line is at its active level now (door open, mains present) */
    SettledInput(String channel, BooleanSupplier active, Duration settle, Clock clock, Later later) {
        if (settle.isNegative()) {
            throw new IllegalArgumentException("channel " + channel + ": debounce must not be negative");
        }
        this.channel = channel;
        this.active = active;
        this.settle = settle;
        this.clock = clock;
        this.later = later;
    }

    /** An edge on the line (provider's thread): restarts the wait, whose end calls {@code onSettled}. */
    synchronized void edge(Runnable onSettled) {
        lastEdge = clock.instant();
        if (waiting != null) {
            waiting.cancel();
        }
        waiting = later.after(settle, onSettled);
    }

    /** At the end of a wait: a reading when the settled state differs from the one last published. */
    synchronized Optional<Reading> settled() {
        waiting = null;
        boolean now = active.getAsBoolean();
        if (published != null && published == now) {
            return Optional.empty();
        }
        published = now;
        return Optional.of(reading(lastEdge != null ? lastEdge : clock.instant(), now));
    }

    /** The state as it stands, for the first and the periodic readings. */
    synchronized Reading report() {
        boolean now = published != null && waiting != null ? published : active.getAsBoolean();
        published = now;
        return reading(clock.instant(), now);
    }

    private Reading reading(Instant at, boolean state) {
        return new Reading(channel, at, state, "", Quality.GOOD, null);
    }
}
