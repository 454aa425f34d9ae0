package io.weir.cloud.query;

import java.time.Instant;

/**
 * A rejected message: the topic, why, and a sample of the payload (UTF-8 text, or Base64 when
 * {@code payloadEncoding} says so).
 *
 * @param payloadBytes  the whole payload's size; null for rows stored before samples were kept (they hold it whole)
 * @param payloadSha256 lower-case hex SHA-256 of the whole payload; null for those older rows
 * @param truncated     whether {@code payload} is only the start of it
 */
public record DeadLetter(String id, Instant receivedAt, String topic, String reason, String payload,
                         String payloadEncoding, Long payloadBytes, String payloadSha256, boolean truncated) {
}
