package io.weir.cloud;

import java.time.Duration;
import java.util.Objects;

/**
 * How the adapter runs as a service: how soon it is back on the broker after an outage, what it keeps, and who may
 * scrape its metrics (docs/operations.md "Monitoring").
 *
 * @param mqttReconnectMin     the first wait before reconnecting to the broker
 * @param mqttReconnectMax     the longest wait between two attempts: once the broker is back, the adapter is
 *                             connected again within this (each wait is drawn at random up to a ceiling that doubles
 *                             from the minimum to this)
 * @param retention            what is removed, and when
 * @param metricsTokenSha256   the SHA-256 (hex) of a token that may read {@code /metrics} and nothing else, or null:
 *                             then only operators' tokens may
 */
public record ServiceOptions(Duration mqttReconnectMin, Duration mqttReconnectMax, RetentionOptions retention,
                             String metricsTokenSha256) {

    public ServiceOptions {
        Objects.requireNonNull(mqttReconnectMin, "mqttReconnectMin");
        Objects.requireNonNull(mqttReconnectMax, "mqttReconnectMax");
        Objects.requireNonNull(retention, "retention");
        if (mqttReconnectMin.toMillis() < 1 || mqttReconnectMax.compareTo(mqttReconnectMin) < 0) {
            throw new IllegalArgumentException("MQTT reconnect delays must be positive with the maximum ("
                    + mqttReconnectMax + ") not below the minimum (" + mqttReconnectMin + ")");
        }
        if (metricsTokenSha256 != null && !metricsTokenSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("the metrics token digest is not 64 lower-case hex digits");
        }
    }

    /** Reconnect after 1 s, never more than 30 s apart; {@link RetentionOptions#defaults()}; no scrape token. */
    public static ServiceOptions defaults() {
        return new ServiceOptions(Duration.ofSeconds(1), Duration.ofSeconds(30), RetentionOptions.defaults(), null);
    }

    public ServiceOptions withMqttReconnect(Duration min, Duration max) {
        return new ServiceOptions(min, max, retention, metricsTokenSha256);
    }

    public ServiceOptions withRetention(RetentionOptions options) {
        return new ServiceOptions(mqttReconnectMin, mqttReconnectMax, options, metricsTokenSha256);
    }

    /** A token (at least {@value OpsAccess#MIN_TOKEN_LENGTH} characters) for scrapers; only its digest is kept. */
    public ServiceOptions withMetricsToken(String token) {
        if (token == null || token.length() < OpsAccess.MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("the metrics token must have at least " + OpsAccess.MIN_TOKEN_LENGTH
                    + " characters");
        }
        return new ServiceOptions(mqttReconnectMin, mqttReconnectMax, retention, OpsAccess.sha256(token));
    }

    @Override
    public String toString() {
        return "ServiceOptions[mqttReconnect=" + mqttReconnectMin + ".." + mqttReconnectMax + ", retention="
                + retention + ", metricsToken=" + (metricsTokenSha256 == null ? "none" : "****") + "]";
    }
}
