package io.weir.cloud.gateways;

import java.time.Instant;

/** A gateway whose messages the adapter ingests; {@code registeredBy} is who registered it. */
public record RegisteredGateway(String gatewayId, Instant registeredAt, String registeredBy, String note) {
}
