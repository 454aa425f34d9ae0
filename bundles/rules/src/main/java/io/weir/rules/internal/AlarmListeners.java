package io.weir.rules.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmListener;

/**
 * The alarm listeners bound right now. Copy-on-write: listeners come and go on the framework's threads while
 * readings arrive on the producers' threads, and a delivery sees one consistent set without locking.
 */
final class AlarmListeners {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmListeners.class);

    private final List<AlarmListener> listeners = new CopyOnWriteArrayList<>();

    void add(AlarmListener listener) {
        listeners.add(listener);
    }

    void remove(AlarmListener listener) {
        listeners.remove(listener);
    }

    /** Gives the event to every listener; one that throws is logged and does not keep the event from the rest. */
    void deliver(AlarmEvent event) {
        for (AlarmListener listener : listeners) {
            try {
                listener.onAlarm(event);
            } catch (RuntimeException e) {
                LOG.error("alarm listener {} failed on {} {} of alarm {}", listener.getClass().getName(),
                        event.transition(), event.level(), event.alarmId(), e);
            }
        }
    }
}
