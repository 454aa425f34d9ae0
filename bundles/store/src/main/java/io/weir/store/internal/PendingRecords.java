package io.weir.store.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.store.MessageClass;
import io.weir.api.store.NotStoredException;

/**
 * Alarm and event records the store could not make durable yet (the disk is full with no telemetry left to evict,
 * or the alarms' cap is reached), kept in memory in their order and written as soon as the store can: a later
 * event never overtakes an earlier one. The caller is told each time a record waits, so nothing is lost silently.
 */
final class PendingRecords {

    /** Records kept in memory at most; an alarm storm on a full disk must not exhaust the heap. */
    static final int MAX_PENDING = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(PendingRecords.class);

    /** Appends records durably or throws. */
    @FunctionalInterface
    interface Appender {
        void append(MessageClass cls, List<String> bodies);
    }

    private record Pending(MessageClass cls, String body, String what) {
    }

    private final Appender appender;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private long dropped;

    PendingRecords(Appender appender) {
        this.appender = appender;
    }

    /**
     * Writes the record now, after anything still waiting, or keeps it to write later.
     *
     * @param what names the record in messages, e.g. {@code RAISED RED of alarm gw-1:river-level:3}
     * @throws NotStoredException when the record waits in memory
     */
    synchronized void append(MessageClass cls, String body, String what) {
        flush();
        if (queue.isEmpty()) {
            try {
                appender.append(cls, List.of(body));
                return;
            } catch (RuntimeException e) {
                keep(new Pending(cls, body, what));
                throw waiting(what, e);
            }
        }
        keep(new Pending(cls, body, what));
        throw waiting(what, null);
    }

    /**
     * Writes what waits, oldest first, until the store refuses one.
     *
     * @return how many records still wait
     */
    synchronized int flush() {
        while (!queue.isEmpty()) {
            Pending next = queue.peekFirst();
            try {
                appender.append(next.cls(), List.of(next.body()));
            } catch (RuntimeException e) {
                return queue.size();
            }
            queue.removeFirst();
            if (queue.isEmpty()) {
                LOG.info("every alarm and event held in memory is stored now");
            }
        }
        return 0;
    }

    synchronized int size() {
        return queue.size();
    }

    /** What still waits, for the log when the store stops: each record's name. */
    synchronized List<String> waiting() {
        return queue.stream().map(Pending::what).toList();
    }

    private void keep(Pending p) {
        if (queue.size() >= MAX_PENDING) {
            Pending oldest = queue.removeFirst();
            dropped++;
            LOG.error("{} alarm and event records held in memory, the most the gateway keeps: dropped the oldest, {}"
                    + " ({} dropped so far)", MAX_PENDING, oldest.what(), dropped);
        }
        queue.addLast(p);
    }

    private NotStoredException waiting(String what, RuntimeException cause) {
        return new NotStoredException(what + " is not stored yet" + (cause == null
                ? " (records before it are still waiting)" : ": " + cause.getMessage()) + "; held in memory with "
                + (queue.size() - 1) + " other(s) and written as soon as the store has room", true);
    }
}
