package io.weir.api.store;

/**
 * A snapshot of the store.
 *
 * @param storedAlarms       alarm records not yet in a message
 * @param storedTelemetry    readings not yet in a message
 * @param inFlightMessages   messages formed and not yet confirmed
 * @param confirmedMessages  messages confirmed since the store opened
 * @param lastSeq            the last message sequence assigned
 */
public record StoreStats(long storedAlarms, long storedTelemetry, long inFlightMessages, long confirmedMessages,
                         long lastSeq) {
}
