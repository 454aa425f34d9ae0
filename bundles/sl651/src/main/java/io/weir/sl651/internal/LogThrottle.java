package io.weir.sl651.internal;

/**
 * Whether the n-th occurrence of a refusal deserves a log line: the first ten, then every power of two. A flood
 * of bad frames shows in the log without filling the disk; the counters keep the exact number.
 */
final class LogThrottle {

    private LogThrottle() {
    }

    static boolean worthLogging(long occurrence) {
        return occurrence <= 10 || Long.bitCount(occurrence) == 1;
    }
}
