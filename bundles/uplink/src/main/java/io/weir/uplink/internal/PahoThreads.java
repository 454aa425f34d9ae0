package io.weir.uplink.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads Paho's client runs on, handed to it so that a connect does not sleep.
 * <p>
 * Paho 1.2.5 starts a connection's receiver, sender and callback threads one after the other, and after starting
 * each it checks whether the thread runs yet, sleeping 100 ms whenever it does not. It starts the thread while
 * holding the lock the thread must take to say that it runs, so its first check finds it not running, always: every
 * connect, the first one at start-up and every reconnect after an outage, spent 0.3 s asleep before its CONNECT went
 * out (eclipse-paho/paho.mqtt.java issue 945, open since 2022; Paho has had no release since 1.2.5).
 * <p>
 * Here each of those threads, once it reports running, has the connecting thread woken from that sleep: it is
 * interrupted, which Paho's loop catches before it checks again. Nothing else is changed, and nothing else is
 * interrupted:
 * <ul>
 * <li>each task gets a new thread, as Paho gives itself one when it has no executor;</li>
 * <li>only the connecting thread is interrupted, only while it sleeps, only until the thread it waits for runs.
 *     An interrupt that comes just as it woke by itself finds nothing that waits before the connecting task ends
 *     (sending CONNECT only queues it) or Paho's next start loop, which swallows it, and dies with its thread;</li>
 * <li>Paho cancels the futures of its threads when it stops them, with interruption: cancelling here never
 *     interrupts, so its threads end as they do without an executor, when their stop flag and closed socket say
 *     so.</li>
 * </ul>
 * A thread whose class has no {@code isRunning()} (another Paho) is not watched, and the connect sleeps as before.
 */
final class PahoThreads extends AbstractExecutorService implements ScheduledExecutorService {

    /** Longer than the one sleep it cuts short: a watch that has not seen it by then lets the connect go on. */
    private static final long WATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final MethodType IS_RUNNING = MethodType.methodType(boolean.class);

    private final String name;
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger alive = new AtomicInteger();
    private final AtomicInteger wokenUp = new AtomicInteger();
    private volatile boolean shutdown;

    /**
     * @param name      the threads' name until Paho names them
     * @param scheduler runs what is scheduled (Paho 1.2.5 schedules nothing here when given its timer ping sender)
     */
    PahoThreads(String name, ScheduledExecutorService scheduler) {
        this.name = name;
        this.scheduler = scheduler;
    }

    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException(name + ": the MQTT client is closed");
        }
        alive.incrementAndGet();
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } finally {
                alive.decrementAndGet();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** How Paho starts its receiver, sender and callback: the caller then waits for the task to report running. */
    @Override
    public Future<?> submit(Runnable task) {
        var future = new FutureTask<Void>(task, null) {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                return super.cancel(false);
            }
        };
        Optional<MethodHandle> running = isRunning(task);
        execute(future);
        Thread connecting = Thread.currentThread();
        running.ifPresent(check -> execute(() -> wakeWhenRunning(connecting, check)));
        return future;
    }

    /** Times a connecting thread was woken; a test's view of the workaround being in force. */
    int wokenUp() {
        return wokenUp.get();
    }

    private static Optional<MethodHandle> isRunning(Runnable task) {
        try {
            return Optional.of(MethodHandles.publicLookup().findVirtual(task.getClass(), "isRunning", IS_RUNNING)
                    .bindTo(task));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return Optional.empty();
        }
    }

    private void wakeWhenRunning(Thread connecting, MethodHandle running) {
        long deadline = System.nanoTime() + WATCH_NANOS;
        try {
            while (!(boolean) running.invoke()) {
                if (System.nanoTime() > deadline) {
                    return;
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
        } catch (Throwable e) {
            return; // the check itself failed: Paho's own loop finds out, a sleep later
        }
        // the connecting thread saw it not running and sleeps, or is about to
        while (connecting.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > deadline || !connecting.isAlive()) {
                return;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        connecting.interrupt();
        wokenUp.incrementAndGet();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return scheduler.schedule(command, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return scheduler.schedule(callable, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return scheduler.scheduleAtFixedRate(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                                                     TimeUnit unit) {
        return scheduler.scheduleWithFixedDelay(command, initialDelay, delay, unit);
    }

    /** Refuses new threads; those running end when Paho stops them. */
    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && alive.get() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!isTerminated()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return true;
    }
}
