package io.weir.uplink.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.weir.api.store.MessageClass;
import io.weir.api.store.MessageStore;
import io.weir.api.store.StoreStats;
import io.weir.api.store.StoredMessage;

/** The MessageStore contract in memory, enough to watch what the uplink confirms and releases. */
final class FakeStore implements MessageStore {

    private final List<StoredMessage> waiting = new ArrayList<>();
    private final Map<Long, StoredMessage> inFlight = new LinkedHashMap<>();
    private final TreeMap<Long, StoredMessage> released = new TreeMap<>();
    private final List<Long> confirmed = new ArrayList<>();
    private long seq;

    synchronized void add(MessageClass cls, String... records) {
        waiting.add(new StoredMessage(++seq, cls, List.of(records)));
    }

    private int lastMaxRecordBytes = -1;

    @Override
    public synchronized Optional<StoredMessage> take(int maxRecords, int maxRecordBytes) {
        lastMaxRecordBytes = maxRecordBytes;
        return take(maxRecords);
    }

    synchronized int lastMaxRecordBytes() {
        return lastMaxRecordBytes;
    }

    @Override
    public synchronized Optional<StoredMessage> take(int maxRecords) {
        var resend = released.pollFirstEntry();
        StoredMessage next = resend != null ? resend.getValue() : waiting.isEmpty() ? null : waiting.remove(0);
        if (next == null) {
            return Optional.empty();
        }
        inFlight.put(next.seq(), next);
        return Optional.of(next);
    }

    @Override
    public synchronized void confirm(long seq) {
        if (inFlight.remove(seq) != null) {
            confirmed.add(seq);
        }
    }

    private final List<List<Long>> confirmCalls = new ArrayList<>();

    /** Each confirm call's sequences; one element per call of {@link #confirm(long)}. */
    @Override
    public synchronized void confirm(Collection<Long> seqs) {
        confirmCalls.add(List.copyOf(seqs));
        seqs.forEach(seq -> {
            if (inFlight.remove(seq) != null) {
                confirmed.add(seq);
            }
        });
    }

    synchronized List<List<Long>> confirmCalls() {
        return List.copyOf(confirmCalls);
    }

    @Override
    public synchronized void release(long seq) {
        StoredMessage m = inFlight.remove(seq);
        if (m != null) {
            released.put(seq, m);
        }
    }

    synchronized List<Long> confirmed() {
        return List.copyOf(confirmed);
    }

    synchronized int pending() {
        return waiting.size() + inFlight.size() + released.size();
    }

    @Override
    public synchronized StoreStats stats() {
        return new StoreStats(0, waiting.size(), inFlight.size(), confirmed.size(), seq);
    }
}
