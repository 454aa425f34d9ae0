package io.weir.modbus.internal;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every Modbus link's work runs on ({@link LinkExecutor}): one timer thread that only hands work over
 * when it falls due, and a pool of workers that starts at a few and grows by one whenever work has waited for a
 * worker longer than {@link #STARVED}. A link whose device hangs until its timeout holds one worker while the other
 * links' polls get another instead of waiting behind it; at a hundred healthy links, whose polls are mostly a short
 * wait on a socket, a couple of workers do what a hundred threads did. Workers idle for {@link #IDLE} end.
 */
final class PollThreads {

    /** How long work may wait for a free worker before one more is started. */
    static final Duration STARVED = Duration.ofMillis(100);
    private static final Duration IDLE = Duration.ofMinutes(1);

    /** Work handed to the workers, with when it was handed over. */
    private record Handed(Runnable work, long sinceNanos) implements Runnable {
        @Override
        public void run() {
            work.run();
        }
    }

    private final int fewest;
    private final LinkedBlockingQueue<Runnable> waiting = new LinkedBlockingQueue<>();
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor timer;
    private final AtomicBoolean watching = new AtomicBoolean();

    /** @param fewest the workers kept while there is work; more are started only when work waits */
    PollThreads(int fewest) {
        this.fewest = fewest;
        // no upper bound of its own: a link's work runs one piece at a time, so there are never more busy workers
        // than links, and a worker is only added for work that waited
        this.workers = new ThreadPoolExecutor(fewest, Integer.MAX_VALUE, IDLE.toNanos(), TimeUnit.NANOSECONDS,
                waiting, named("weir-modbus poll-"));
        workers.allowCoreThreadTimeOut(true);
        this.timer = new ScheduledThreadPoolExecutor(1, named("weir-modbus timer"));
        timer.setRemoveOnCancelPolicy(true);
    }

    /** A new link's executor on these threads. */
    LinkExecutor newLink() {
        return new LinkExecutor(this);
    }

    /** Runs {@code work} on a free worker, or on a new one if it has to wait too long for one. */
    void run(Runnable work) {
        workers.execute(new Handed(work, System.nanoTime()));
        if (!waiting.isEmpty() && watching.compareAndSet(false, true)) {
            later(STARVED.toNanos(), this::watch);
        }
    }

    /** Calls {@code call} on the timer thread after {@code delayNanos}; it must only hand work over. */
    ScheduledFuture<?> later(long delayNanos, Runnable call) {
        return timer.schedule(call, delayNanos, TimeUnit.NANOSECONDS);
    }

    /** The workers alive now. */
    int workers() {
        return workers.getPoolSize();
    }

    private void watch() {
        Runnable oldest = waiting.peek();
        if (oldest instanceof Handed handed && System.nanoTime() - handed.sinceNanos() >= STARVED.toNanos()) {
            // a larger core starts a worker at once for the queued work
            workers.setCorePoolSize(workers.getCorePoolSize() + 1);
        } else if (oldest == null) {
            // nothing waits: the workers that ended while idle are not started again for the next burst
            workers.setCorePoolSize(Math.max(fewest, Math.min(workers.getCorePoolSize(), workers.getPoolSize())));
        }
        if (waiting.isEmpty()) {
            watching.set(false);
            if (waiting.isEmpty() || !watching.compareAndSet(false, true)) {
                return; // work handed over meanwhile is watched by its own hand-over
            }
        }
        later(STARVED.toNanos(), this::watch);
    }

    /** Stops the timer and the workers; the links must have stopped first. */
    void shutdown() {
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private static ThreadFactory named(String prefix) {
        var count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix.endsWith("-") ? prefix + count.incrementAndGet() : prefix);
            t.setDaemon(true);
            return t;
        };
    }
}
