package io.weir.cloud.internal.protocol;

import java.time.Instant;
import java.util.List;

/**
 * Birth (online), clean death (offline, reason "shutdown") or last will (offline, reason "connection-lost").
 * {@code ts} is null in a last will; {@code runtimeJson}, {@code site} and {@code profiles} only come with a birth,
 * and {@code inventory} with a birth whose deploy status part says what the gateway runs (else null).
 */
public record StateMessage(String gatewayId, boolean online, Instant ts, String reason, String runtimeJson, Site site,
                           List<String> profiles, DeployInventory inventory) implements InboundMessage {

    public static final String REASON_SHUTDOWN = "shutdown";
    public static final String REASON_CONNECTION_LOST = "connection-lost";

    /** True when the gateway itself sent this (birth or clean death), false for the broker's last will. */
    public boolean sentByGateway() {
        return online || REASON_SHUTDOWN.equals(reason);
    }
}
