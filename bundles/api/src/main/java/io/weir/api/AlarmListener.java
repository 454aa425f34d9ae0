package io.weir.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: receives every alarm lifecycle event. The store persists them ahead of telemetry; outputs
 * (sirens, the console) react to them. A persisting listener returns only once the event is durable.
 */
@ConsumerType
public interface AlarmListener {

    /**
     * Service property: a listener registered with it set to {@code true} is told, as it is bound, of every alarm
     * active at that moment, with the events of each since it was raised, in order. An output that comes up while
     * an alarm is active (a siren reconfigured, or started after the rule fired) then acts on it. A listener that
     * keeps every event (the store) must not set it.
     *
     * @since 1.6
     */
    String CURRENT_ALARMS = "weir.alarm.current";

    void onAlarm(AlarmEvent event);
}
