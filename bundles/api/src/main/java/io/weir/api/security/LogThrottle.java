package io.weir.api.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Lets one log line through per period and counts the ones held back, for lines that someone outside can cause at
 * will (a refused console request, an unknown DTLS identity): the journal of a gateway must not be filled, nor the
 * one line that matters drowned, by whoever sends garbage.
 */
public final class LogThrottle {

    private final Clock clock;
    private final Duration period;
    private Instant next = Instant.MIN;
    private long held;

    public LogThrottle(Clock clock, Duration period) {
        this.clock = clock;
        this.period = period;
    }

    /**
     * @return when a line may be written now, how many were held back since the last one; empty when this one is to
     *         be held back (and is counted)
     */
    public synchronized OptionalLong permit() {
        Instant now = clock.instant();
        if (now.isBefore(next)) {
            held++;
            return OptionalLong.empty();
        }
        next = now.plus(period);
        long before = held;
        held = 0;
        return OptionalLong.of(before);
    }

    /** " (N more like it held back)" for a line written after others were held back; empty when none were. */
    public static String heldBack(long held) {
        return held == 0 ? "" : " (" + held + " more like it held back)";
    }
}
