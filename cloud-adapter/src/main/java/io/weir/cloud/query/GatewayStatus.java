package io.weir.cloud.query;

import java.time.Instant;

/**
 * A gateway as the cloud sees it.
 *
 * @param online          true after a birth, false after a clean death or last will, null before any state message
 * @param stateReason     "shutdown" or "connection-lost" when offline
 * @param stateTs         the time the gateway wrote into its last state message (absent from a last will)
 * @param stateReceivedAt when the adapter received the last state message
 * @param lastSeenAt      when the adapter last received a message the gateway itself sent
 */
public record GatewayStatus(String gatewayId, Boolean online, String stateReason, Instant stateTs,
                            Instant stateReceivedAt, Instant lastSeenAt, String stationCode, String siteName,
                            Double latitude, Double longitude) {
}
