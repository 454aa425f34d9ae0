package io.weir.gpio.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.Reading;
import io.weir.api.ReadingListener;

/** The reading listeners bound right now; copy-on-write, as they come and go on the framework's threads. */
final class ReadingListeners {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingListeners.class);

    private final List<ReadingListener> listeners = new CopyOnWriteArrayList<>();

    void add(ReadingListener listener) {
        listeners.add(listener);
    }

    void remove(ReadingListener listener) {
        listeners.remove(listener);
    }

    /** Gives the reading to every listener; one that throws is logged and does not keep it from the rest. */
    void deliver(Reading reading) {
        List<Reading> batch = List.of(reading);
        for (ReadingListener listener : listeners) {
            try {
                listener.onReadings(batch);
            } catch (RuntimeException e) {
                LOG.error("reading listener {} failed on {}", listener.getClass().getName(), reading.channel(), e);
            }
        }
    }
}
