package io.weir.cloud.internal.observe;

import io.weir.cloud.internal.store.Retention;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs retention on a thread of its own, so a long pass never holds up the case outbox: the first pass a minute
 * after start (or sooner when the interval is shorter), then one every interval.
 */
public final class Housekeeping implements AutoCloseable {

    private final Retention retention;
    private final ScheduledExecutorService thread;

    public Housekeeping(Retention retention) {
        this.retention = retention;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "weir-retention");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        long every = retention.interval().toMillis();
        long first = Math.min(every, Duration.ofMinutes(1).toMillis());
        thread.scheduleWithFixedDelay(retention::runSafely, first, every, TimeUnit.MILLISECONDS);
    }

    public Retention retention() {
        return retention;
    }

    /** Stops; a pass under way ends at its next batch. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
