package io.weir.cloud.internal.store;

/** A case request due for sending. */
public record OutboxRow(String alarmId, String requestJson, int attempts, long nextAttemptAt) {
}
