package io.weir.cloud.internal.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * At most {@code perWindow} log lines a window for refused requests: whoever floods the adapter with bad requests
 * must not flood its log too. The first line of the next window says how many were left out.
 */
final class LogThrottle {
    private final int perWindow;
    private final Duration window;
    private final Clock clock;
    private Instant start;
    private int logged;
    private long suppressed;

    LogThrottle(int perWindow, Duration window, Clock clock) {
        this.perWindow = perWindow;
        this.window = window;
        this.clock = clock;
        this.start = clock.instant();
    }

    /**
     * @return -1 when this line must be left out; otherwise how many were left out before it (usually 0)
     */
    synchronized long admit() {
        Instant now = clock.instant();
        if (!now.isBefore(start.plus(window))) {
            start = now;
            logged = 0;
        }
        if (logged >= perWindow) {
            suppressed++;
            return -1;
        }
        logged++;
        long before = suppressed;
        suppressed = 0;
        return before;
    }
}
