package io.weir.sl651.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.Reading;
import io.weir.api.ReadingListener;

/** The reading listeners bound right now; a delivery succeeds only when there is one and none failed. */
final class Whiteboard implements MessageHandler.Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(Whiteboard.class);

    private final List<ReadingListener> listeners = new CopyOnWriteArrayList<>();

    void add(ReadingListener listener) {
        listeners.add(listener);
    }

    void remove(ReadingListener listener) {
        listeners.remove(listener);
    }

    @Override
    public boolean deliver(String station, List<Reading> batch) {
        if (listeners.isEmpty()) {
            LOG.warn("sl651 station {}: no reading listener (store) is running; not acknowledged, so the station"
                    + " sends the report again", station);
            return false;
        }
        boolean all = true;
        for (ReadingListener listener : listeners) {
            try {
                listener.onReadings(batch);
            } catch (RuntimeException e) {
                all = false;
                LOG.error("sl651 station {}: reading listener {} failed on {} readings; not acknowledged", station,
                        listener.getClass().getName(), batch.size(), e);
            }
        }
        return all;
    }
}
