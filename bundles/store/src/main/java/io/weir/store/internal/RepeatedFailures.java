package io.weir.store.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * Logs a failure that may repeat on every poll once, then counts it: a reminder with the count now and then, and
 * one line when it stops. A full disk must not fill what is left of it with stack traces.
 */
final class RepeatedFailures {

    private final Logger log;
    private final String what;
    private final LongSupplier nanos;
    private final long remindNanos;
    private volatile long count; // read without the lock on every success
    private long countAtReminder;
    private long lastReminder;
    private String first;

    /**
     * @param what  what fails, e.g. {@code store writes}
     * @param nanos a monotonic clock ({@code System::nanoTime})
     */
    RepeatedFailures(Logger log, String what, LongSupplier nanos, Duration remindEvery) {
        this.log = log;
        this.what = what;
        this.nanos = nanos;
        this.remindNanos = remindEvery.toNanos();
    }

    synchronized void failed(String problem) {
        long now = nanos.getAsLong();
        if (count == 0) {
            first = problem;
            lastReminder = now;
            countAtReminder = 1;
            log.error("{} failing: {} (further failures are counted, not logged, until they stop)", what, problem);
        } else if (now - lastReminder >= remindNanos) {
            log.error("{} still failing: {} failures, {} since the last report; latest: {}", what, count + 1,
                    count + 1 - countAtReminder, problem);
            lastReminder = now;
            countAtReminder = count + 1;
        }
        count++;
    }

    void succeeded() {
        if (count == 0) {
            return;
        }
        synchronized (this) {
            if (count > 0) {
                log.info("{} working again after {} failures (the first: {})", what, count, first);
                count = 0;
                first = null;
            }
        }
    }

    long failuresInARow() {
        return count;
    }
}
