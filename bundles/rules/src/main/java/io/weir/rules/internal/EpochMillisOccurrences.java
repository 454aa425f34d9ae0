package io.weir.rules.internal;

import java.time.Instant;

/**
 * Numbers an occurrence by the epoch milliseconds of the reading that raised it, and always above the previous
 * number of this run. Nothing has to be stored, and numbers keep rising across restarts as long as the clock
 * does. That holds because only GOOD readings raise alarms, and readings taken before the clock is synchronised
 * are not GOOD (CLOCK_UNSYNCED). A clock set back by hand across a restart could repeat a number; a counter kept
 * in the durable store can replace this without touching the rules.
 */
final class EpochMillisOccurrences implements OccurrenceNumbers {

    private long last = Long.MIN_VALUE;

    @Override
    public synchronized long next(Instant raisedAt) {
        last = Math.max(raisedAt.toEpochMilli(), last + 1);
        return last;
    }
}
