package io.weir.cloud.gateways;

import java.time.Instant;

/**
 * A message of an unknown gateway, kept aside: its topic and a sample of its payload (UTF-8 text, or Base64 when
 * {@code payloadEncoding} says so), with the whole payload's size and SHA-256.
 */
public record QuarantinedMessage(String gatewayId, Instant receivedAt, String topic, String payload,
                                 String payloadEncoding, long payloadBytes, String payloadSha256, boolean truncated) {
}
