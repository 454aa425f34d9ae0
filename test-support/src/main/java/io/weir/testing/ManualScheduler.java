package io.weir.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler on a {@link TestClock}'s time: nothing runs until the test advances it, and then every task that
 * falls due runs on the test's thread, in order of due time, with the clock set to its due time. Code that takes a
 * {@link ScheduledExecutorService} is tested without threads and without waiting. A task may move the clock on
 * itself, to stand for the time it takes: time never goes back, so the tasks due meanwhile run late, at the time it
 * ended, as behind a busy thread.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final TestClock clock;
    private final PriorityQueue<Task<?>> queue =
            new PriorityQueue<>(Comparator.comparing((Task<?> t) -> t.due).thenComparingLong(t -> t.sequence));
    private long sequence;
    private boolean shutdown;

    public ManualScheduler(TestClock clock) {
        this.clock = clock;
    }

    /** A scheduler on a clock of its own, for code that keeps time by its scheduler alone. */
    public ManualScheduler() {
        this(new TestClock(Instant.EPOCH));
    }

    public TestClock clock() {
        return clock;
    }

    /**
     * Moves time forward by {@code by}, running every task that falls due on the way, in order, and those a task
     * that took time made overdue.
     */
    public void advance(Duration by) {
        Instant target = clock.instant().plus(by);
        while (!queue.isEmpty() && !queue.peek().due.isAfter(target.isAfter(clock.instant()) ? target
                : clock.instant())) {
            Task<?> task = queue.poll();
            moveTo(task.due);
            task.run();
        }
        moveTo(target);
    }

    private void moveTo(Instant time) {
        if (time.isAfter(clock.instant())) {
            clock.set(time);
        }
    }

    /** Runs every task due by now, including those that the tasks schedule for now. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Tasks waiting to run. */
    public int pending() {
        return queue.size();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(Executors.callable(command), delay, unit, 0);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(callable, delay, unit, 0);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(Executors.callable(command), initialDelay, unit, unit.toNanos(period));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        // a task here takes no time, so a fixed delay after it ends is a fixed rate
        return add(Executors.callable(command), initialDelay, unit, unit.toNanos(delay));
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    private <V> Task<V> add(Callable<V> callable, long delay, TimeUnit unit, long periodNanos) {
        if (shutdown) {
            throw new RejectedExecutionException("shut down");
        }
        Task<V> task = new Task<>(callable, clock.instant().plusNanos(unit.toNanos(Math.max(0, delay))),
                sequence++, periodNanos);
        queue.add(task);
        return task;
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> dropped = new ArrayList<>(queue);
        queue.clear();
        return dropped;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && queue.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private final class Task<V> implements ScheduledFuture<V>, Runnable {

        private final Callable<V> callable;
        private final long sequence;
        private final long periodNanos;
        private Instant due;
        private boolean cancelled;
        private boolean done;
        private V result;

        Task(Callable<V> callable, Instant due, long sequence, long periodNanos) {
            this.callable = callable;
            this.due = due;
            this.sequence = sequence;
            this.periodNanos = periodNanos;
        }

        @Override
        public void run() {
            try {
                result = callable.call();
            } catch (RuntimeException e) {
                done = true;
                throw e;
            } catch (Exception e) {
                done = true;
                throw new IllegalStateException("scheduled task failed", e);
            }
            if (periodNanos > 0 && !cancelled && !shutdown) {
                due = due.plusNanos(periodNanos);
                queue.add(this);
            } else {
                done = true;
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), due));
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (done || cancelled) {
                return false;
            }
            cancelled = true;
            queue.remove(this);
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public V get() {
            if (!done) {
                throw new IllegalStateException("not run yet; advance the scheduler");
            }
            return result;
        }

        @Override
        public V get(long timeout, TimeUnit unit) {
            return get();
        }
    }
}
