package io.weir.meterbus.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One RS-485 line (or the device server in front of it) and the one thread that talks on it: meters of both
 * protocols on the line take turns, so a request never overlaps another meter's answer on the half-duplex wire.
 */
final class Line {

    private final String name;
    private final Link link;
    private final ScheduledExecutorService thread;
    private final LineSettings settings;

    Line(String name, Link link, ScheduledExecutorService thread, LineSettings settings) {
        this.name = name;
        this.link = link;
        this.thread = thread;
        this.settings = settings;
    }

    String name() {
        return name;
    }

    LineSettings settings() {
        return settings;
    }

    /** The link; use it only from tasks run by this line. */
    Link link() {
        return link;
    }

    ScheduledFuture<?> every(long intervalMillis, Runnable task) {
        return thread.scheduleWithFixedDelay(task, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} on the line's thread between polls, waiting for its result. */
    <T> T call(Callable<T> task, long timeoutMillis) throws Exception {
        Future<T> f = thread.submit(task);
        try {
            return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            f.cancel(true);
            throw e;
        }
    }

    void shutdown() throws InterruptedException {
        thread.execute(link::close);
        thread.shutdown();
        if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
            thread.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
