package io.weir.api.store;

/**
 * Classes of stored records, declared in drain order: every alarm goes out before any gateway event, and every
 * event before any telemetry. Alarms and events share one budget that telemetry can never take.
 */
public enum MessageClass {
    /** Alarm lifecycle events: never evicted to make room for telemetry. */
    ALARM,
    /** Gateway events (for example telemetry evicted by the byte cap), published on the event topic. */
    EVENT,
    /** Readings: bounded in bytes, oldest evicted first under pressure. */
    TELEMETRY
}
