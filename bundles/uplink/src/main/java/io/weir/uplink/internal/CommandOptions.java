package io.weir.uplink.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How commands from the cloud are bounded.
 *
 * @param maxBytes    the largest command payload; a larger one is dropped before the MQTT client reads it whole
 * @param maxLifetime how far ahead a command's expiresAt may lie
 * @param requestLog  where the answered request ids are kept across restarts; empty to keep them in memory only
 */
record CommandOptions(int maxBytes, Duration maxLifetime, Optional<Path> requestLog) {

    static final int DEFAULT_MAX_BYTES = 64 * 1024;
    static final int DEFAULT_MAX_LIFETIME_SECONDS = 24 * 3600;
    /** Room in an MQTT packet beyond its payload: fixed header, topic (weir/v1/{gw}/cmd/{name}), packet id. */
    static final int PACKET_OVERHEAD = 1024;

    /** The defaults, with the request ids in memory: for tests that need no restart. */
    static final CommandOptions IN_MEMORY = new CommandOptions(DEFAULT_MAX_BYTES,
            Duration.ofSeconds(DEFAULT_MAX_LIFETIME_SECONDS), Optional.empty());

    /** @param dataDir the framework property weir.data.dir; the request log is uplink/requests.json in it */
    static CommandOptions of(UplinkConfig config, String dataDir) {
        Path data = Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir.trim());
        return new CommandOptions(config.maxCommandBytes(), Duration.ofSeconds(config.maxCommandLifetimeSeconds()),
                Optional.of(data.resolve("uplink").resolve("requests.json")));
    }

    /** The largest MQTT packet the gateway takes in from the broker. */
    int maxPacketBytes() {
        return maxBytes + PACKET_OVERHEAD;
    }
}
