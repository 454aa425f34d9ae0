package io.weir.api.store;

/**
 * A snapshot of the store.
 *
 * @param storedAlarms       alarm records not yet in a message
 * @param storedTelemetry    readings not yet in a message
 * @param inFlightMessages   messages formed and not yet confirmed
 * @param confirmedMessages  messages confirmed since the store opened
 * @param lastSeq            the last message sequence assigned
 * @param storedEvents       gateway event records not yet in a message
 * @param telemetryBytes     bytes of all telemetry records kept (stored and in flight), the figure the cap bounds
 * @param alarmBytes         bytes of all alarm and event records kept
 * @param evictedTelemetry   readings evicted by the telemetry byte cap over the life of the store file
 */
public record StoreStats(long storedAlarms, long storedTelemetry, long inFlightMessages, long confirmedMessages,
                         long lastSeq, long storedEvents, long telemetryBytes, long alarmBytes,
                         long evictedTelemetry) {

    /** The snapshot of version 1.0 of this package: no events, sizes or evictions known. */
    public StoreStats(long storedAlarms, long storedTelemetry, long inFlightMessages, long confirmedMessages,
                      long lastSeq) {
        this(storedAlarms, storedTelemetry, inFlightMessages, confirmedMessages, lastSeq, 0, 0, 0, 0);
    }
}
