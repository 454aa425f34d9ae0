package io.weir.modbus.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The thread of one Modbus link, as its {@link Endpoint} sees it: tasks run one at a time, in order of due time and,
 * among those due together, of submission, as on a single-threaded scheduled executor; but each runs on whichever
 * worker of the shared {@link PollThreads} is free, so links do not each keep a thread of their own. After each task
 * the link goes to the back of the workers' queue, so a link with many devices takes turns with the others.
 *
 * <p>Shutting down drops the tasks not yet due and runs those that are (a link's close); cancelled tasks leave the
 * queue at once. Periodic scheduling is not offered: an endpoint lays its own grid.
 */
final class LinkExecutor extends AbstractExecutorService implements ScheduledExecutorService {

    private final PollThreads threads;
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>(); // guarded by this
    private final CountDownLatch terminated = new CountDownLatch(1);
    private long sequence; // guarded by this
    private boolean handedOver; // a worker runs, or is about to run, the next due task; guarded by this
    private Thread running; // the worker inside a task now; guarded by this
    private ScheduledFuture<?> wakeUp; // the timer's call when the head of the queue falls due; guarded by this
    private long wakeUpNanos; // guarded by this
    private boolean shutdown; // guarded by this

    LinkExecutor(PollThreads threads) {
        this.threads = threads;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return enqueue(new Task<>(Executors.callable(command), unit.toNanos(delay)));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return enqueue(new Task<>(callable, unit.toNanos(delay)));
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("a link's polls lay their own grid (Endpoint.every)");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("a link's polls lay their own grid (Endpoint.every)");
    }

    /** The tasks waiting, due or not, in no particular order; the one running is not among them. */
    synchronized List<Delayed> queued() {
        return List.copyOf(queue);
    }

    private synchronized <V> Task<V> enqueue(Task<V> task) {
        if (shutdown) {
            throw new RejectedExecutionException("the link has stopped");
        }
        queue.add(task);
        dispatch();
        return task;
    }

    /** Hands the head of the queue to a worker when it is due, else asks the timer to come back then. */
    private synchronized void dispatch() {
        if (handedOver) {
            return; // the worker hands over again when its task ends
        }
        Task<?> head = queue.peek();
        if (head == null) {
            if (shutdown) {
                terminated.countDown();
            }
            return;
        }
        long delay = head.dueNanos - System.nanoTime();
        if (delay <= 0) {
            handedOver = true;
            threads.run(this::runNext);
        } else if (wakeUp == null || wakeUpNanos > head.dueNanos) {
            if (wakeUp != null) {
                wakeUp.cancel(false);
            }
            wakeUpNanos = head.dueNanos;
            wakeUp = threads.later(delay, this::wokenUp);
        }
    }

    private synchronized void wokenUp() {
        wakeUp = null;
        dispatch();
    }

    private void runNext() {
        Task<?> task;
        synchronized (this) {
            Task<?> head = queue.peek();
            // the head that was due may have been cancelled since, leaving one that is not
            task = head != null && head.dueNanos - System.nanoTime() <= 0 ? queue.poll() : null;
            running = Thread.currentThread();
        }
        try {
            if (task != null) {
                task.run();
            }
        } finally {
            synchronized (this) {
                running = null;
                Thread.interrupted(); // a shutdownNow's interrupt is for this task only, not the worker's next
                handedOver = false;
                dispatch();
            }
        }
    }

    private synchronized void remove(Task<?> task) {
        queue.remove(task);
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
        long now = System.nanoTime();
        queue.stream().filter(task -> task.dueNanos - now > 0).toList().forEach(task -> task.cancel(false));
        dispatch();
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> never = new ArrayList<>(queue);
        queue.clear();
        if (running != null) {
            running.interrupt();
        }
        dispatch();
        return never;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    private final class Task<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {
        private final long dueNanos;
        private final long order;

        private Task(Callable<V> callable, long delayNanos) {
            super(callable);
            this.dueNanos = System.nanoTime() + delayNanos;
            synchronized (LinkExecutor.this) {
                this.order = sequence++;
            }
        }

        @Override
        public boolean isPeriodic() {
            return false;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            if (other instanceof Task<?> task) {
                int byDue = Long.compare(dueNanos - task.dueNanos, 0);
                return byDue != 0 ? byDue : Long.compare(order, task.order);
            }
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                remove(this);
            }
            return cancelled;
        }
    }
}
