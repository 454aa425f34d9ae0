package io.weir.coap.internal;

import java.time.Duration;

/**
 * The server's configuration, checked once.
 *
 * @param bindAddress         address to listen on; empty for every interface
 * @param port                DTLS port; 0 for any free one
 * @param labPlainPort        plain CoAP port, -1 when off (the default; lab only)
 * @param maxPayloadBytes     largest accepted report
 * @param requestsPerMinute   per identity
 * @param staleAfterIntervals a device silent this many report intervals is flagged
 * @param staleCheck          how often silence is looked for
 * @param maxConnections      most DTLS sessions kept
 * @param threads             protocol threads
 */
record ServerOptions(String bindAddress, int port, int labPlainPort, int maxPayloadBytes, int requestsPerMinute,
                     int staleAfterIntervals, Duration staleCheck, int maxConnections, int threads) {

    ServerOptions {
        bindAddress = bindAddress == null ? "" : bindAddress.strip();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        if (labPlainPort < -1 || labPlainPort > 65535) {
            throw new IllegalArgumentException("labPlainPort " + labPlainPort + " is outside -1..65535");
        }
        if (maxPayloadBytes < 64 || maxPayloadBytes > 65536) {
            throw new IllegalArgumentException("maxPayloadBytes " + maxPayloadBytes + " is outside 64..65536");
        }
        if (requestsPerMinute < 1 || staleAfterIntervals < 1 || maxConnections < 16 || threads < 1) {
            throw new IllegalArgumentException("requestsPerMinute, staleAfterIntervals and threads must be at least"
                    + " 1, maxConnections at least 16");
        }
        if (staleCheck == null || staleCheck.isNegative() || staleCheck.isZero()) {
            throw new IllegalArgumentException("staleCheck must be positive");
        }
    }

    static ServerOptions from(CoapServerConfig config) {
        return new ServerOptions(config.bindAddress(), config.port(), config.labPlainPort(),
                config.maxPayloadBytes(), config.requestsPerMinute(), config.staleAfterIntervals(),
                Duration.ofSeconds(config.staleCheckSeconds()), config.maxConnections(), config.threads());
    }

    boolean plainEnabled() {
        return labPlainPort >= 0;
    }
}
