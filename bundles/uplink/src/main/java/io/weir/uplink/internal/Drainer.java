package io.weir.uplink.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.store.MessageClass;
import io.weir.api.store.MessageStore;
import io.weir.api.store.StoredMessage;

/**
 * Moves messages from the store to the broker: at most {@code maxInFlight} unacknowledged at a time, a message
 * confirmed in the store (and so deleted) only on its PUBACK, released for a resend when the connection drops.
 * PUBACKs are gathered and confirmed together, one commit for up to {@code maxInFlight} of them and none waiting
 * longer than {@link #CONFIRM_DELAY_NANOS}: a crash in between sends those few messages again, which the cloud
 * drops by sequence; nothing is lost.
 * <p>
 * With nothing to send it looks again every {@link #IDLE_WAIT}, so readings gather for that long into one message, or
 * at once when the store tells it of an alarm or an event, or of the first reading after a connect
 * ({@link #appended}).
 */
final class Drainer implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Drainer.class);
    static final Duration IDLE_WAIT = Duration.ofMillis(250);
    /** The longest an acknowledged message waits to be confirmed (plus at most one idle wait). */
    static final long CONFIRM_DELAY_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final MessageStore store;
    private final Publisher publisher;
    private final Envelopes envelopes;
    private final Topics topics;
    private final Clock clock;
    private final int maxInFlight;
    private final int maxRecords;
    private final int maxRecordBytes;
    private final RateLimit rateLimit;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<Long> inFlight = new HashSet<>();
    /** Acknowledged by the broker, not yet confirmed in the store; oldest first. */
    private final List<Long> acknowledged = new ArrayList<>();
    private long firstAcknowledgedAt;
    /** A connection came up and nothing went on it yet: the first reading is taken at once. */
    private boolean firstSinceConnect;
    /** An append asked to be taken at once: the next wait for a change does not wait. */
    private boolean takeNow;
    private final LongSupplier nanoTime;
    private final long idleWaitNanos;
    private volatile boolean running = true;

    Drainer(MessageStore store, Publisher publisher, Envelopes envelopes, Topics topics, Clock clock,
            int maxInFlight, int maxRecords, int maxRecordBytes, RateLimit rateLimit) {
        this(store, publisher, envelopes, topics, clock, maxInFlight, maxRecords, maxRecordBytes, rateLimit,
                System::nanoTime, IDLE_WAIT);
    }

    /**
     * @param nanoTime when acknowledgements are due to be confirmed
     * @param idleWait how long it waits for a change with nothing to send
     */
    Drainer(MessageStore store, Publisher publisher, Envelopes envelopes, Topics topics, Clock clock,
            int maxInFlight, int maxRecords, int maxRecordBytes, RateLimit rateLimit, LongSupplier nanoTime,
            Duration idleWait) {
        this.nanoTime = nanoTime;
        this.idleWaitNanos = idleWait.toNanos();
        this.rateLimit = rateLimit;
        this.store = store;
        this.publisher = publisher;
        this.envelopes = envelopes;
        this.topics = topics;
        this.clock = clock;
        this.maxInFlight = maxInFlight;
        this.maxRecords = maxRecords;
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public void run() {
        while (running) {
            try {
                confirmAcknowledged(false);
                if (!awaitRoom() || !awaitRate()) {
                    continue;
                }
                Optional<StoredMessage> next = store.take(maxRecords, maxRecordBytes);
                if (next.isEmpty()) {
                    awaitChange();
                } else {
                    send(next.get());
                }
            } catch (RuntimeException e) {
                LOG.error("uplink drain step failed, retrying: {}", e.toString());
                awaitChange();
            }
        }
        confirmRemaining();
    }

    /** Stopping: every acknowledgement gathered so far is confirmed now. */
    void confirmRemaining() {
        try {
            confirmAcknowledged(true);
        } catch (RuntimeException e) {
            LOG.warn("acknowledged messages not confirmed at stop, they will be sent again: {}", e.toString());
        }
    }

    /**
     * Confirms the gathered acknowledgements in one store call when there are enough of them, the oldest has waited
     * long enough, or {@code all}. A failed call leaves them to be tried again. Synchronized: the drain thread and
     * {@link #confirmRemaining} at stop must not confirm the same ones.
     */
    private synchronized void confirmAcknowledged(boolean all) {
        List<Long> due;
        lock.lock();
        try {
            if (acknowledged.isEmpty() || !(all || acknowledged.size() >= maxInFlight
                    || nanoTime.getAsLong() - firstAcknowledgedAt >= CONFIRM_DELAY_NANOS)) {
                return;
            }
            due = List.copyOf(acknowledged);
        } finally {
            lock.unlock();
        }
        store.confirm(due); // outside the lock: PUBACKs keep arriving while the store commits
        lock.lock();
        try {
            acknowledged.subList(0, due.size()).clear();
            firstAcknowledgedAt = nanoTime.getAsLong();
        } finally {
            lock.unlock();
        }
    }

    private boolean awaitRoom() {
        lock.lock();
        try {
            if (running && (!publisher.isConnected() || inFlight.size() >= maxInFlight)) {
                changed.awaitNanos(idleWaitNanos);
                return false;
            }
            return running;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** True when a message may go now; otherwise waits until one may (or something changes) and returns false. */
    private boolean awaitRate() {
        long wait = rateLimit.tryAcquire();
        if (wait == 0) {
            return true;
        }
        lock.lock();
        try {
            if (running) {
                changed.awaitNanos(wait);
            }
        } catch (InterruptedException e) {
            // stop() interrupts; the loop checks running
        } finally {
            lock.unlock();
        }
        return false;
    }

    private void awaitChange() {
        lock.lock();
        try {
            if (running && !takeNow) {
                changed.awaitNanos(idleWaitNanos);
            }
            takeNow = false;
        } catch (InterruptedException e) {
            // stop() interrupts; the loop checks running
        } finally {
            lock.unlock();
        }
    }

    /**
     * The store made records of this class durable. An alarm or an event is taken at once, whatever else is going
     * on. Telemetry is taken at once only before anything went on the connection (the first reading after a start
     * or a reconnect); after that readings gather until the next look, so messages stay full. Waking for every
     * reading after a quiet spell made a busy gateway's messages small: 50 devices polled on one grid append in a
     * burst, and each message's acknowledgement woke the drainer for the few readings appended since (12.3 bytes a
     * reading instead of 7.7, 2.7 CPU-seconds a minute instead of 2.1, docs/benchmarks.md).
     *
     * @return whether the drainer looks at once
     */
    boolean appended(MessageClass cls) {
        lock.lock();
        try {
            if (cls != MessageClass.TELEMETRY || firstSinceConnect) {
                takeNow = true;
                changed.signalAll();
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void send(StoredMessage message) {
        long seq = message.seq();
        lock.lock();
        try {
            inFlight.add(seq);
            firstSinceConnect = false;
        } finally {
            lock.unlock();
        }
        byte[] payload = envelopes.message(topics.gatewayId(), message, clock.instant());
        try {
            publisher.publish(topics.of(message.messageClass()), payload, failure -> done(seq, failure));
        } catch (Exception e) {
            done(seq, e);
        }
    }

    private void done(long seq, Throwable failure) {
        lock.lock();
        try {
            if (!inFlight.remove(seq)) {
                return; // already released when the connection dropped
            }
            if (failure == null) {
                if (acknowledged.isEmpty()) {
                    firstAcknowledgedAt = nanoTime.getAsLong();
                }
                acknowledged.add(seq);
            } else {
                LOG.debug("message {} not acknowledged, will resend: {}", seq, failure.toString());
                store.release(seq);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The connection dropped: every unacknowledged message goes back to the store to be sent again. */
    void connectionLost() {
        lock.lock();
        try {
            for (long seq : inFlight) {
                store.release(seq);
            }
            inFlight.clear();
            firstSinceConnect = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A connection came up: what is stored goes now, and so does the first reading appended after it. */
    void connected() {
        lock.lock();
        try {
            firstSinceConnect = true;
            takeNow = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Something may have changed (stopping). */
    void nudge() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int inFlight() {
        lock.lock();
        try {
            return inFlight.size();
        } finally {
            lock.unlock();
        }
    }

    void stop() {
        running = false;
        nudge();
    }
}
