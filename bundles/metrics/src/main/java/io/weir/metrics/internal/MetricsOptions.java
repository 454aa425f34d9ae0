package io.weir.metrics.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.security.SecretFile;

/**
 * Where the metrics endpoint listens and whether scrapes need a token.
 *
 * @param port  0 for any free port, -1 for no endpoint
 * @param token empty for none
 */
record MetricsOptions(String host, int port, String token) {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsOptions.class);

    MetricsOptions {
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("metrics port must be -1 (off) or 0..65535, was " + port);
        }
        host = host == null || host.isBlank() ? "127.0.0.1" : host.strip();
        token = token == null ? "" : token.strip();
    }

    /** The options a configuration names; the token is read from its file, which only the runtime user reads. */
    static MetricsOptions of(MetricsConfig config) {
        String token = "";
        if (!config.tokenFile().isBlank()) {
            Path file = Path.of(config.tokenFile());
            try {
                token = SecretFile.readText(file, LOG::warn);
            } catch (IOException e) {
                // never serve without the token that was asked for
                throw new IllegalStateException("metrics not served: cannot read the token file " + file + ": "
                        + e.getMessage(), e);
            }
        }
        return new MetricsOptions(config.host(), config.port(), token);
    }

    @Override
    public String toString() {
        return "MetricsOptions[" + host + ":" + port + ", token=" + (token.isEmpty() ? "none" : "****") + "]";
    }
}
