package io.weir.cloud.query;

import java.time.Instant;

/** A rejected message: the topic, why, and the payload (UTF-8 text, or Base64 when {@code payloadEncoding} says so). */
public record DeadLetter(String id, Instant receivedAt, String topic, String reason, String payload,
                         String payloadEncoding) {
}
