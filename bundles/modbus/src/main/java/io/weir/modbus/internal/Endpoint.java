package io.weir.modbus.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One Modbus link (a TCP endpoint, later a serial port) and the single thread that owns it. Every device behind
 * the link polls on that thread, so transactions on the link never overlap: a serial bus or a TCP gateway sees one
 * request at a time, as it must, while devices on other links are polled concurrently on their own threads.
 */
final class Endpoint {

    private final String name;
    private final ModbusTransport transport;
    private final ScheduledExecutorService thread;

    Endpoint(String name, ModbusTransport transport, ScheduledExecutorService thread) {
        this.name = name;
        this.transport = transport;
        this.thread = thread;
    }

    String name() {
        return name;
    }

    /** The shared link; use it only from tasks run by this endpoint. */
    ModbusTransport transport() {
        return transport;
    }

    /** Runs {@code task} now and then every {@code interval} after each run ends, on the endpoint's thread. */
    ScheduledFuture<?> every(Duration interval, Runnable task) {
        return thread.scheduleWithFixedDelay(task, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} once on the endpoint's thread, after whatever is running there now. */
    void execute(Runnable task) {
        thread.execute(task);
    }

    /** Closes the link on its own thread (j2mod is not thread-safe) and stops the thread, waiting up to {@code wait}. */
    boolean shutdown(Duration wait) throws InterruptedException {
        thread.execute(transport::close);
        thread.shutdown();
        if (thread.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        thread.shutdownNow();
        return false;
    }

    @Override
    public String toString() {
        return name;
    }
}
