package io.weir.cloud;

import io.weir.cloud.internal.protocol.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Who may change the adapter, whom it believes, and how long its commands live (docs/security.md).
 *
 * @param ops            operators of the HTTP API; the adapter refuses to start its HTTP server without one
 * @param mqtt           broker credentials, TLS and the message size limit
 * @param trustedSigners directory of the certificates (PEM or DER) whose keys may sign deployment packages; null:
 *                       no package can be registered
 * @param gateways       gateway ids registered at start (by {@code config}), besides those registered through the API
 * @param commandTtl     how long a deployment command is valid after it is sent ({@code expiresAt})
 * @param ackTtl         how long an alarm acknowledgement is valid after it is sent
 */
public record SecurityOptions(OpsAccess ops, MqttOptions mqtt, Path trustedSigners, Set<String> gateways,
                              Duration commandTtl, Duration ackTtl) {

    public SecurityOptions {
        Objects.requireNonNull(ops, "ops");
        Objects.requireNonNull(mqtt, "mqtt");
        gateways = Set.copyOf(gateways);
        for (String id : gateways) {
            if (!Topic.GATEWAY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("gateway id '" + id + "' does not match " + Topic.GATEWAY_ID);
            }
        }
        positive(commandTtl, "commandTtl");
        positive(ackTtl, "ackTtl");
    }

    /**
     * No operators (so no HTTP server until one is given), no broker credentials, no trusted signers, no gateway
     * registered by configuration; deployment commands valid 10 minutes, acknowledgements 24 hours.
     */
    public static SecurityOptions defaults() {
        return new SecurityOptions(OpsAccess.none(), MqttOptions.defaults(), null, Set.of(), Duration.ofMinutes(10),
                Duration.ofHours(24));
    }

    public SecurityOptions withOps(OpsAccess access) {
        return new SecurityOptions(access, mqtt, trustedSigners, gateways, commandTtl, ackTtl);
    }

    public SecurityOptions withMqtt(MqttOptions options) {
        return new SecurityOptions(ops, options, trustedSigners, gateways, commandTtl, ackTtl);
    }

    public SecurityOptions withTrustedSigners(Path directory) {
        return new SecurityOptions(ops, mqtt, directory, gateways, commandTtl, ackTtl);
    }

    public SecurityOptions withGateways(Set<String> ids) {
        return new SecurityOptions(ops, mqtt, trustedSigners, ids, commandTtl, ackTtl);
    }

    public SecurityOptions withCommandTtl(Duration commands, Duration acks) {
        return new SecurityOptions(ops, mqtt, trustedSigners, gateways, commands, acks);
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
