package io.weir.modbus.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Modbus link (a TCP endpoint or a serial port) and the thread that owns it: one at a time, as on a single
 * thread, though in the runtime that "thread" is a {@link LinkExecutor} on workers shared by all links. Every device
 * behind the link polls there, so transactions on the link never overlap: a serial bus or a TCP gateway sees one
 * request at a time, as it must, while devices on other links are polled concurrently.
 *
 * <p>Commanded writes go first: they wait in a queue of their own that is emptied before every poll and every bus
 * scan step, so a write waits at most for the one poll (or probe) already on the wire, never for a queue of polls.
 *
 * <p>Retries of a device that stopped answering wait for idle bus time: such a retry most likely costs a whole
 * timeout, so it runs when no other poll is due within that time (or, on a bus that never idles that long, after
 * a bounded wait), instead of holding up the healthy devices whose polls fall due behind it.
 *
 * <p>Polls run on a fixed grid (see {@link #every}), and while devices poll the link, a link that cannot be opened is
 * tried again within the shortest poll interval among them, so a device server that comes back is read again at the
 * next poll or the one after, not a minute later.
 */
final class Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(Endpoint.class);

    private final String name;
    private final LinkSpec link; // null for a device's own link in tests
    private final ModbusTransport transport;
    private final ScheduledExecutorService thread;
    private final Backoff reconnect; // null for a test's private link, whose transport backs itself off
    private final LongSupplier nanoTime;
    private final Set<Polling> polls = ConcurrentHashMap.newKeySet();
    private final Queue<Runnable> first = new ConcurrentLinkedQueue<>();
    private final List<IdleTask> whenIdle = new ArrayList<>(); // only touched on the endpoint's thread

    private record IdleTask(long needsNanos, long latestNanos, Runnable task, Polling own) {
    }

    Endpoint(String name, ModbusTransport transport, ScheduledExecutorService thread) {
        this(name, null, transport, thread);
    }

    Endpoint(String name, LinkSpec link, ModbusTransport transport, ScheduledExecutorService thread) {
        this(name, link, transport, thread, null, System::nanoTime);
    }

    /**
     * @param reconnect the backoff of the link's transport, bounded here by the poll intervals; null when the
     *                  transport's backoff is not the endpoint's to bound
     * @param nanoTime  the monotonic time the poll grid is laid on, in nanoseconds
     */
    Endpoint(String name, LinkSpec link, ModbusTransport transport, ScheduledExecutorService thread,
             Backoff reconnect, LongSupplier nanoTime) {
        this.name = name;
        this.link = link;
        this.transport = transport;
        this.thread = thread;
        this.reconnect = reconnect;
        this.nanoTime = nanoTime;
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

    /**
     * Runs {@code task} on the endpoint's thread now and then on a fixed grid, at the multiples of {@code interval} on
     * the monotonic clock, so the readings of a 1 s poll stay on the second however long each poll takes. The grid is
     * the same for every endpoint of the runtime: devices polled at the same interval are read at the same instants,
     * and the store commits their readings together (one commit, one fsync, instead of one per device; on a
     * 50-device job that was most of the gateway's CPU, docs/benchmarks.md). A run that ends after its next slot (a
     * slow poll, or one that waited behind other devices' polls) skips the slots it missed: the next run is on the
     * grid again, never a burst of runs catching up. Until it is cancelled, the link is tried again within
     * {@code interval} when it cannot be opened.
     */
    Polling every(Duration interval, Runnable task) {
        var polling = new Polling(interval, afterFirst(task));
        polls.add(polling);
        boundReconnects();
        polling.schedule(0);
        return polling;
    }

    /** The periodic task {@link #every} runs, until it is cancelled. */
    final class Polling {
        private final Duration interval;
        private final long intervalNanos;
        private final Runnable task;
        private long slot; // the grid slot of the run last begun; only touched on the endpoint's thread
        private ScheduledFuture<?> next; // guarded by this
        private boolean cancelled; // guarded by this

        private Polling(Duration interval, Runnable task) {
            this.interval = interval;
            this.intervalNanos = interval.toNanos();
            this.task = task;
        }

        /** Stops the runs to come; a run in progress ends as it would. */
        void cancel() {
            synchronized (this) {
                cancelled = true;
                if (next != null) {
                    next.cancel(false);
                }
            }
            if (polls.remove(this)) {
                boundReconnects();
            }
        }

        Duration interval() {
            return interval;
        }

        private synchronized boolean isNext(Object queued) {
            return queued == next;
        }

        private synchronized void schedule(long delayNanos) {
            if (!cancelled) {
                next = thread.schedule(this::run, delayNanos, TimeUnit.NANOSECONDS);
            }
        }

        private void run() {
            try {
                task.run();
            } finally {
                long now = nanoTime.getAsLong();
                // the first slot not yet begun, unless it has passed: then the first one still ahead
                slot = Math.max(slot + 1, -Math.floorDiv(-now, intervalNanos));
                try {
                    schedule(slot * intervalNanos - now);
                } catch (RejectedExecutionException e) {
                    // the endpoint has stopped
                }
            }
        }
    }

    /** A link that cannot be opened is tried again within the shortest poll interval, or a minute without polls. */
    private void boundReconnects() {
        if (reconnect != null) {
            reconnect.limitTo(polls.stream().map(Polling::interval).min(Duration::compareTo).map(Backoff::pollBound)
                    .orElse(Backoff.UNPOLLED_MAX));
        }
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
    void executeWhenIdle(Duration needs, Duration atMost, Runnable task, Polling own) {
        long now = nanoTime.getAsLong();
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
            if (nanoTime.getAsLong() >= idle.latestNanos() || nanosUntilNextDue(idle.own()) >= idle.needsNanos()) {
                it.remove();
                try {
                    idle.task().run();
                } catch (RuntimeException e) {
                    LOG.error("modbus endpoint {}: a retry failed", name, e);
                }
            }
        }
    }

    /**
     * Time until the next scheduled task but {@code except}'s next run is due (negative when one is overdue); unknown
     * counts as never.
     */
    private long nanosUntilNextDue(Polling except) {
        if (!(thread instanceof LinkExecutor link)) {
            return Long.MAX_VALUE;
        }
        long next = Long.MAX_VALUE;
        for (Delayed queued : link.queued()) {
            if (except == null || !except.isNext(queued)) {
                next = Math.min(next, queued.getDelay(TimeUnit.NANOSECONDS));
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

    /**
     * Cancels the polls, closes the link on its own thread (j2mod is not thread-safe) and stops the thread, waiting
     * up to {@code wait}.
     */
    boolean shutdown(Duration wait) throws InterruptedException {
        polls.forEach(Polling::cancel);
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
