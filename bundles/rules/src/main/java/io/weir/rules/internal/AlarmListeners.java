package io.weir.rules.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmListener;
import io.weir.api.AlarmTransition;

/**
 * The alarm listeners bound right now, and the alarms active in this life with their events since each was raised:
 * a listener bound with {@link AlarmListener#CURRENT_ALARMS} is told of those first, in order, so a siren that comes
 * up while an alarm is active still sounds. Deliveries and bindings take turns (the engine delivers under its own
 * lock already), so a listener being told of the active alarms misses no event and hears none twice.
 */
final class AlarmListeners {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmListeners.class);

    private final List<AlarmListener> listeners = new ArrayList<>();
    /** Each active alarm's events since it was raised, in order; a cleared alarm leaves. */
    private final Map<String, List<AlarmEvent>> active = new LinkedHashMap<>();

    synchronized void add(AlarmListener listener, boolean currentAlarms) {
        if (currentAlarms) {
            active.values().forEach(events -> events.forEach(event -> tell(listener, event)));
        }
        listeners.add(listener);
    }

    synchronized void remove(AlarmListener listener) {
        listeners.remove(listener);
    }

    /** Gives the event to every listener; one that throws is logged and does not keep the event from the rest. */
    synchronized void deliver(AlarmEvent event) {
        if (event.transition() == AlarmTransition.CLEARED) {
            active.remove(event.alarmId());
        } else {
            active.computeIfAbsent(event.alarmId(), id -> new ArrayList<>()).add(event);
        }
        for (AlarmListener listener : listeners) {
            tell(listener, event);
        }
    }

    private static void tell(AlarmListener listener, AlarmEvent event) {
        try {
            listener.onAlarm(event);
        } catch (RuntimeException e) {
            LOG.error("alarm listener {} failed on {} {} of alarm {}", listener.getClass().getName(),
                    event.transition(), event.level(), event.alarmId(), e);
        }
    }
}
