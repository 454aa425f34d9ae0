package io.weir.uplink.internal;

import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.store.MessageStore;
import io.weir.api.store.StoredMessage;

/**
 * Moves messages from the store to the broker: at most {@code maxInFlight} unacknowledged at a time, a message
 * confirmed in the store (and so deleted) only on its PUBACK, released for a resend when the connection drops.
 */
final class Drainer implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Drainer.class);
    private static final long IDLE_WAIT_MILLIS = 250;

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
    private volatile boolean running = true;

    Drainer(MessageStore store, Publisher publisher, Envelopes envelopes, Topics topics, Clock clock,
            int maxInFlight, int maxRecords, int maxRecordBytes, RateLimit rateLimit) {
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
    }

    private boolean awaitRoom() {
        lock.lock();
        try {
            if (running && (!publisher.isConnected() || inFlight.size() >= maxInFlight)) {
                changed.await(IDLE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
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
            if (running) {
                changed.await(IDLE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            // stop() interrupts; the loop checks running
        } finally {
            lock.unlock();
        }
    }

    private void send(StoredMessage message) {
        long seq = message.seq();
        lock.lock();
        try {
            inFlight.add(seq);
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
                store.confirm(seq);
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
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Something may be ready to send (a connection came up, records were appended). */
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
