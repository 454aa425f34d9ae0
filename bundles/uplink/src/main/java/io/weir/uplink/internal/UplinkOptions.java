package io.weir.uplink.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.security.SecretFile;

/** The uplink's settings, checked once. */
record UplinkOptions(String brokerUrl, String username, char[] password, List<String> profiles, int maxInFlight,
                     int maxRecordsPerMessage, int keepAliveSeconds, Duration maxReconnectDelay,
                     double maxMessagesPerSecond, TlsOptions tls, int maxMessageBytes, Duration stateRefresh,
                     TelemetryEncoding telemetryEncoding) {

    private static final Logger LOG = LoggerFactory.getLogger(UplinkOptions.class);

    /** The message size cap unless configured: under the 256 KiB that common cloud brokers accept. */
    static final int DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024;
    /** How often the retained state (with the bundles' status) is published again unless configured. */
    static final int DEFAULT_STATE_REFRESH_SECONDS = 60;
    /** Room kept in a message for its envelope (version, gateway id, sequence, time, brackets and commas). */
    private static final int ENVELOPE_RESERVE = 1024;

    /** Plain settings: no rate limit, default TLS trust. */
    UplinkOptions(String brokerUrl, String username, char[] password, List<String> profiles, int maxInFlight,
                  int maxRecordsPerMessage, int keepAliveSeconds, Duration maxReconnectDelay) {
        this(brokerUrl, username, password, profiles, maxInFlight, maxRecordsPerMessage, keepAliveSeconds,
                maxReconnectDelay, 0, TlsOptions.NONE);
    }

    /** With the default message size cap. */
    UplinkOptions(String brokerUrl, String username, char[] password, List<String> profiles, int maxInFlight,
                  int maxRecordsPerMessage, int keepAliveSeconds, Duration maxReconnectDelay,
                  double maxMessagesPerSecond, TlsOptions tls) {
        this(brokerUrl, username, password, profiles, maxInFlight, maxRecordsPerMessage, keepAliveSeconds,
                maxReconnectDelay, maxMessagesPerSecond, tls, DEFAULT_MAX_MESSAGE_BYTES,
                Duration.ofSeconds(DEFAULT_STATE_REFRESH_SECONDS));
    }

    /** Telemetry as JSON. */
    UplinkOptions(String brokerUrl, String username, char[] password, List<String> profiles, int maxInFlight,
                  int maxRecordsPerMessage, int keepAliveSeconds, Duration maxReconnectDelay,
                  double maxMessagesPerSecond, TlsOptions tls, int maxMessageBytes, Duration stateRefresh) {
        this(brokerUrl, username, password, profiles, maxInFlight, maxRecordsPerMessage, keepAliveSeconds,
                maxReconnectDelay, maxMessagesPerSecond, tls, maxMessageBytes, stateRefresh, TelemetryEncoding.JSON);
    }

    /** The bytes a message's records may take, its envelope set aside. */
    int maxRecordBytes() {
        return Math.max(1, maxMessageBytes - ENVELOPE_RESERVE);
    }

    static UplinkOptions of(UplinkConfig c) {
        String url = c.brokerUrl() == null ? "" : c.brokerUrl().trim();
        if (!url.startsWith("tcp://") && !url.startsWith("ssl://")) {
            throw new IllegalArgumentException("uplink brokerUrl '" + url + "' must start with tcp:// or ssl://");
        }
        var tls = new TlsOptions(c.caFile().trim(), c.trustStore().trim(), c._trustStorePassword().toCharArray(),
                c.keyStore().trim(), c._keyStorePassword().toCharArray(), c.certFile().trim(), c.keyFile().trim());
        if (tls.certFile().isEmpty() != tls.keyFile().isEmpty()) {
            throw new IllegalArgumentException("uplink certFile and keyFile go together (mutual TLS)");
        }
        return new UplinkOptions(url, c.username(), password(c.passwordFile()), List.of(c.profiles()),
                c.maxInFlight(), c.maxRecordsPerMessage(), c.keepAliveSeconds(),
                Duration.ofSeconds(c.maxReconnectDelaySeconds()), c.maxMessagesPerSecond(), tls, c.maxMessageBytes(),
                Duration.ofSeconds(c.stateRefreshSeconds()), TelemetryEncoding.of(c.telemetryEncoding()));
    }

    /** The broker password from its file (a secret file: never in the configuration itself); none when unset. */
    private static char[] password(String file) {
        if (file == null || file.isBlank()) {
            return new char[0];
        }
        try {
            return SecretFile.readText(Path.of(file.trim()), LOG::warn).toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException("uplink passwordFile: " + e.getMessage(), e);
        }
    }

    boolean secure() {
        return brokerUrl.startsWith("ssl://");
    }

    @Override
    public String toString() {
        return "UplinkOptions[brokerUrl=" + brokerUrl + ", username=" + username + ", maxInFlight=" + maxInFlight
                + ", maxRecordsPerMessage=" + maxRecordsPerMessage + ", maxMessageBytes=" + maxMessageBytes
                + ", maxMessagesPerSecond="
                + (maxMessagesPerSecond == 0 ? "unlimited" : maxMessagesPerSecond)
                + ", telemetryEncoding=" + telemetryEncoding.configName() + (secure() ? ", " + tls : "")
                + "]";
    }
}
