package io.weir.gpio.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.weir.testing.ManualScheduler;
import io.weir.testing.TestClock;

/** A clock the test moves and a {@link Later} that runs its tasks when the test moves the clock past them. */
final class TestTime extends TestClock implements Later {

    private final ManualScheduler scheduler = new ManualScheduler(this);

    TestTime(Instant start) {
        super(start);
    }

    @Override
    public Task after(Duration delay, Runnable task) {
        var scheduled = scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> scheduled.cancel(false);
    }

    /** Runs every task due by now, in order of due time, including those the tasks schedule. */
    void runDue() {
        scheduler.runDue();
    }

    /** Moves time forward step by step through every due task, then to {@code now + by}. */
    @Override
    public void advance(Duration by) {
        scheduler.advance(by);
    }

    long pending() {
        return scheduler.pending();
    }
}
