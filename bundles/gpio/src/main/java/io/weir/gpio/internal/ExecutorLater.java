package io.weir.gpio.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Later} on one daemon thread: inputs publish their readings there, one at a time. */
final class ExecutorLater implements Later, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorLater.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "weir-gpio");
        t.setDaemon(true);
        return t;
    });

    @Override
    public Task after(Duration delay, Runnable task) {
        var future = executor.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("GPIO task failed", e);
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
