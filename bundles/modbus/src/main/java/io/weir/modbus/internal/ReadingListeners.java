package io.weir.modbus.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.Reading;
import io.weir.api.ReadingListener;

/**
 * The reading listeners bound right now. Copy-on-write: listeners come and go on the framework's threads while
 * the poll thread delivers, and a delivery sees one consistent set without locking.
 */
final class ReadingListeners {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingListeners.class);

    private final List<ReadingListener> listeners = new CopyOnWriteArrayList<>();

    void add(ReadingListener listener) {
        listeners.add(listener);
    }

    void remove(ReadingListener listener) {
        listeners.remove(listener);
    }

    /** Gives the batch to every listener; one that throws is logged and does not keep the batch from the rest. */
    void deliver(String deviceId, List<Reading> batch) {
        for (ReadingListener listener : listeners) {
            try {
                listener.onReadings(batch);
            } catch (RuntimeException e) {
                LOG.error("device {}: reading listener {} failed on a batch of {} readings", deviceId,
                        listener.getClass().getName(), batch.size(), e);
            }
        }
    }
}
