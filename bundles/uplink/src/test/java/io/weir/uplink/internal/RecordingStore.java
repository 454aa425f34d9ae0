package io.weir.uplink.internal;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.weir.api.store.MessageStore;
import io.weir.api.store.StoreStats;
import io.weir.api.store.StoredMessage;

/** Passes everything to a real store and remembers which sequences the uplink confirmed. */
final class RecordingStore implements MessageStore {

    private final MessageStore store;
    private final Set<Long> confirmed = ConcurrentHashMap.newKeySet();

    RecordingStore(MessageStore store) {
        this.store = store;
    }

    Set<Long> confirmed() {
        return Set.copyOf(confirmed);
    }

    @Override
    public Optional<StoredMessage> take(int maxRecords) {
        return store.take(maxRecords);
    }

    @Override
    public void confirm(long seq) {
        store.confirm(seq);
        confirmed.add(seq);
    }

    @Override
    public void release(long seq) {
        store.release(seq);
    }

    @Override
    public StoreStats stats() {
        return store.stats();
    }
}
