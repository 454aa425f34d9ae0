package io.weir.api.store;

/** Classes of stored records, in drain order: every alarm goes out before any telemetry. */
public enum MessageClass {
    /** Alarm lifecycle events: never evicted to make room for telemetry. */
    ALARM,
    /** Readings: bounded, oldest evicted first under pressure. */
    TELEMETRY
}
