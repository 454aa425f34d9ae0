package io.weir.site.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the gateway reaches its MQTT broker.
 *
 * @param brokerUrl    {@code tcp://host[:port]} or {@code ssl://host[:port]}
 * @param username     user name, when the broker asks for one
 * @param passwordFile the file of the password (never the password itself: it stays in that file)
 * @param tls          how the broker's certificate is checked and what the gateway presents
 * @param secretsStamp changes whenever a secret file does
 * @param maxCommandBytes the largest command the gateway takes in, when not the default
 * @param reconnectMaxSeconds the longest wait between two attempts to reach the broker, when not the default
 * @param commandLifetimeSeconds how far ahead a command's expiry may lie, when not the default
 * @param telemetryEncoding how telemetry goes on the wire ({@code json} or {@code compact}), when not the default
 */
public record Uplink(String brokerUrl, Optional<String> username, Optional<Path> passwordFile, Tls tls,
                     String secretsStamp, Optional<Integer> maxCommandBytes, Optional<Integer> commandLifetimeSeconds,
                     Optional<Integer> reconnectMaxSeconds, Optional<String> telemetryEncoding) {

    /** The telemetry encodings a site file may choose. */
    static final List<String> TELEMETRY_ENCODINGS = List.of("json", "compact");

    /**
     * @param caFile   PEM of the CAs that sign the broker's certificate; empty for the JVM's
     * @param certFile PEM of the gateway's client certificate (mutual TLS)
     * @param keyFile  PEM (PKCS#8) of its private key, a secret file
     * @param stamp    changes whenever the key file does
     */
    public record Tls(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile, String stamp) {
        static final Tls NONE = new Tls(Optional.empty(), Optional.empty(), Optional.empty(), "");
    }

    public Uplink {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(maxCommandBytes, "maxCommandBytes");
        Objects.requireNonNull(reconnectMaxSeconds, "reconnectMaxSeconds");
        Objects.requireNonNull(commandLifetimeSeconds, "commandLifetimeSeconds");
        Objects.requireNonNull(telemetryEncoding, "telemetryEncoding");
    }

    /** A broker without credentials or TLS settings. */
    public Uplink(String brokerUrl) {
        this(brokerUrl, Optional.empty(), Optional.empty(), Tls.NONE, "", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
