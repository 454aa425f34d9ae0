package io.weir.cloud.internal.ingest;

import io.weir.cloud.internal.cases.Backoff;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a lost connection back: waits a random time up to a ceiling that doubles from {@code min} to {@code max}
 * after every failed attempt (full jitter), then asks {@code attempt} again, until it succeeds. No wait is ever
 * longer than {@code max}, so once the other side is back the connection is too within {@code max} and the time of
 * one attempt. One thread; a loss reported while reconnecting is the same outage.
 */
public final class Reconnector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reconnector.class);

    /**
     * @param reconnects     outages ended by a successful attempt
     * @param failedAttempts attempts that did not connect
     * @param longestWait    the longest wait chosen between two attempts so far
     * @param reconnecting   true while an outage lasts
     */
    public record Stats(long reconnects, long failedAttempts, Duration longestWait, boolean reconnecting) {
    }

    private final Backoff backoff;
    private final BooleanSupplier attempt;
    private final String target;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean reconnecting = new AtomicBoolean();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong longestWaitMillis = new AtomicLong();
    private volatile int failures;
    private volatile long lostAtNanos;

    public Reconnector(Duration min, Duration max, BooleanSupplier attempt, String target) {
        this.backoff = new Backoff(min, max, new SecureRandom());
        this.attempt = attempt;
        this.target = target;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "weir-cloud-reconnect");
            t.setDaemon(true);
            return t;
        });
    }

    /** The connection was lost: start reconnecting, unless that is already under way. */
    public void lost() {
        if (reconnecting.compareAndSet(false, true)) {
            failures = 0;
            lostAtNanos = System.nanoTime();
            schedule();
        }
    }

    public Stats stats() {
        return new Stats(reconnects.get(), failed.get(), Duration.ofMillis(longestWaitMillis.get()),
                reconnecting.get());
    }

    private void schedule() {
        long wait = backoff.delayAfter(failures + 1).toMillis();
        longestWaitMillis.accumulateAndGet(wait, Math::max);
        try {
            thread.schedule(this::tryOnce, wait, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Reconnecting to {} given up: closing", target);
        }
    }

    private void tryOnce() {
        boolean connected;
        try {
            connected = attempt.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warn("Reconnect attempt to {} failed unexpectedly", target, e);
            connected = false;
        }
        if (connected) {
            reconnects.incrementAndGet();
            reconnecting.set(false);
            LOG.info("Back on {} after {} failed attempt(s), {} s away", target, failures,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - lostAtNanos));
            return;
        }
        failures++;
        failed.incrementAndGet();
        if (failures == 1 || Integer.bitCount(failures) == 1) {
            LOG.warn("{} still unreachable after {} attempt(s); trying again", target, failures);
        }
        schedule();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
