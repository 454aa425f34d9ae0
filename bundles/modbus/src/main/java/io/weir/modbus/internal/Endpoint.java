package io.weir.modbus.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Modbus link (a TCP endpoint or a serial port) and the single thread that owns it. Every device behind the
 * link polls on that thread, so transactions on the link never overlap: a serial bus or a TCP gateway sees one
 * request at a time, as it must, while devices on other links are polled concurrently on their own threads.
 *
 * <p>Commanded writes go first: they wait in a queue of their own that is emptied before every poll and every bus
 * scan step, so a write waits at most for the one poll (or probe) already on the wire, never for a queue of polls.
 *
 * <p>Retries of a device that stopped answering wait for idle bus time: such a retry most likely costs a whole
 * timeout, so it runs when no other poll is due within that time (or, on a bus that never idles that long, after
 * a bounded wait), instead of holding up the healthy devices whose polls fall due behind it.
 */
final class Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(Endpoint.class);

    private final String name;
    private final LinkSpec link; // null for a device's own link in tests
    private final ModbusTransport transport;
    private final ScheduledExecutorService thread;
    private final Queue<Runnable> first = new ConcurrentLinkedQueue<>();
    private final List<IdleTask> whenIdle = new ArrayList<>(); // only touched on the endpoint's thread

    private record IdleTask(long needsNanos, long latestNanos, Runnable task, Object own) {
    }

    Endpoint(String name, ModbusTransport transport, ScheduledExecutorService thread) {
        this(name, null, transport, thread);
    }

    Endpoint(String name, LinkSpec link, ModbusTransport transport, ScheduledExecutorService thread) {
        this.name = name;
        this.link = link;
        this.transport = transport;
        this.thread = thread;
    }

    String name() {
        return name;
    }

    /** Where the link goes; null for a test's private link. */
    LinkSpec link() {
        return link;
    }

    /**
     * Runs {@code task} on the endpoint's thread ahead of the polls waiting there, as a write does, and hands its
     * outcome back: what a technician's one-off request (a raw read, a point read) needs.
     */
    <T> CompletableFuture<T> callFirst(Supplier<T> task) {
        var outcome = new CompletableFuture<T>();
        try {
            executeFirst(() -> {
                try {
                    outcome.complete(task.get());
                } catch (RuntimeException e) {
                    outcome.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            outcome.completeExceptionally(new IllegalStateException("link " + name + " is closing"));
        }
        return outcome;
    }

    /** The shared link; use it only from tasks run by this endpoint. */
    ModbusTransport transport() {
        return transport;
    }

    /** Runs {@code task} now and then every {@code interval} after each run ends, on the endpoint's thread. */
    ScheduledFuture<?> every(Duration interval, Runnable task) {
        return thread.scheduleWithFixedDelay(afterFirst(task), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} once on the endpoint's thread, after whatever is running or due there now. */
    void execute(Runnable task) {
        thread.execute(afterFirst(task));
    }

    /**
     * Runs {@code task} on the endpoint's thread before any poll or scan step that has not started yet.
     *
     * @throws RejectedExecutionException when the endpoint has stopped
     */
    void executeFirst(Runnable task) {
        first.add(task);
        try {
            thread.execute(this::runFirst);
        } catch (RejectedExecutionException e) {
            first.remove(task);
            throw e;
        }
    }

    /**
     * Runs {@code task} on this endpoint's thread as soon as no scheduled task but the caller's own periodic one
     * ({@code own}, which costs nothing while the task waits) is due within {@code needs}: at once if that is so
     * now, else after one of the tasks that follow, at the latest once {@code atMost} has passed. Call it from a
     * task running on this endpoint.
     */
    void executeWhenIdle(Duration needs, Duration atMost, Runnable task, ScheduledFuture<?> own) {
        long now = System.nanoTime();
        var idle = new IdleTask(needs.toNanos(), now + atMost.toNanos(), task, own);
        if (whenIdle.isEmpty() && nanosUntilNextDue(own) >= idle.needsNanos()) {
            task.run();
        } else {
            whenIdle.add(idle);
        }
    }

    private void runIdleTasks() {
        for (Iterator<IdleTask> it = whenIdle.iterator(); it.hasNext(); ) {
            IdleTask idle = it.next();
            if (System.nanoTime() >= idle.latestNanos() || nanosUntilNextDue(idle.own()) >= idle.needsNanos()) {
                it.remove();
                try {
                    idle.task().run();
                } catch (RuntimeException e) {
                    LOG.error("modbus endpoint {}: a retry failed", name, e);
                }
            }
        }
    }

    /** Time until the next scheduled task is due (negative when one is overdue); unknown counts as never. */
    private long nanosUntilNextDue(Object except) {
        if (!(thread instanceof ScheduledThreadPoolExecutor pool)) {
            return Long.MAX_VALUE;
        }
        long next = Long.MAX_VALUE;
        for (Runnable queued : pool.getQueue()) {
            if (queued != except && queued instanceof Delayed d) {
                next = Math.min(next, d.getDelay(TimeUnit.NANOSECONDS));
            }
        }
        return next;
    }

    private Runnable afterFirst(Runnable task) {
        return () -> {
            runFirst();
            task.run();
            runIdleTasks();
        };
    }

    private void runFirst() {
        for (Runnable task = first.poll(); task != null; task = first.poll()) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("modbus endpoint {}: a queued write failed", name, e);
            }
        }
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
