package io.weir.metrics.internal;

/**
 * Where the metrics endpoint listens and whether scrapes need a token.
 *
 * @param port  0 for any free port, -1 for no endpoint
 * @param token empty for none
 */
record MetricsOptions(String host, int port, String token) {

    MetricsOptions {
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("metrics port must be -1 (off) or 0..65535, was " + port);
        }
        host = host == null || host.isBlank() ? "127.0.0.1" : host.strip();
        token = token == null ? "" : token.strip();
    }

    static MetricsOptions of(MetricsConfig config) {
        return new MetricsOptions(config.host(), config.port(), config._token());
    }

    @Override
    public String toString() {
        return "MetricsOptions[" + host + ":" + port + ", token=" + (token.isEmpty() ? "none" : "****") + "]";
    }
}
