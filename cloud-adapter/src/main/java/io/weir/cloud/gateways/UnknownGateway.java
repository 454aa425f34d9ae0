package io.weir.cloud.gateways;

import java.time.Instant;

/** A gateway id that sent messages without being registered, and how many it sent. */
public record UnknownGateway(String gatewayId, Instant firstSeenAt, Instant lastSeenAt, long messages) {
}
