package io.weir.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: receives every alarm lifecycle event. The store persists them ahead of telemetry; outputs
 * (sirens, the console) react to them. A persisting listener returns only once the event is durable.
 */
@ConsumerType
public interface AlarmListener {
    void onAlarm(AlarmEvent event);
}
