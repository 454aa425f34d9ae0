package io.weir.cloud;

import java.nio.file.Path;

/**
 * How the adapter authenticates to the broker and what it takes from it. Use an {@code ssl://} broker URL for TLS;
 * {@code caFile} (PEM) then names the CAs that may sign the broker's certificate (default: the JVM's), and
 * {@code certFile} with {@code keyFile} (PEM, the key unencrypted PKCS#8 and readable by its owner only) give the
 * adapter a client certificate for mutual TLS.
 *
 * @param username        MQTT user name, or null for none
 * @param password        its password, or null; never logged
 * @param maxMessageBytes the largest payload taken: the connection tells the broker so (MQTT 5 Maximum Packet Size)
 *                        and a larger payload is rejected unread
 */
public record MqttOptions(String username, String password, Path caFile, Path certFile, Path keyFile,
                          int maxMessageBytes) {
    /** Four times the gateways' default message cap (256 KiB). */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;
    static final int MIN_MESSAGE_BYTES = 4096;
    static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    public MqttOptions {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("a client certificate needs both its certificate and its key file");
        }
        if (password != null && username == null) {
            throw new IllegalArgumentException("an MQTT password needs a user name");
        }
        if (maxMessageBytes < MIN_MESSAGE_BYTES || maxMessageBytes > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("maxMessageBytes must be " + MIN_MESSAGE_BYTES + ".." + MAX_MESSAGE_BYTES
                    + ", was " + maxMessageBytes);
        }
    }

    /** No credentials, no client certificate, the JVM's CAs for ssl:// URLs, 1 MiB messages. */
    public static MqttOptions defaults() {
        return new MqttOptions(null, null, null, null, null, DEFAULT_MAX_MESSAGE_BYTES);
    }

    public MqttOptions withCredentials(String user, String secret) {
        return new MqttOptions(user, secret, caFile, certFile, keyFile, maxMessageBytes);
    }

    public MqttOptions withTls(Path ca, Path cert, Path key) {
        return new MqttOptions(username, password, ca, cert, key, maxMessageBytes);
    }

    public MqttOptions withMaxMessageBytes(int bytes) {
        return new MqttOptions(username, password, caFile, certFile, keyFile, bytes);
    }

    /** True when TLS settings of our own are given (otherwise an ssl:// URL uses the JVM's defaults). */
    public boolean customTls() {
        return caFile != null || certFile != null;
    }

    @Override
    public String toString() {
        return "MqttOptions[username=" + username + ", password=" + (password == null ? "none" : "****")
                + ", ca=" + caFile + ", cert=" + certFile + ", key=" + keyFile + ", maxMessageBytes="
                + maxMessageBytes + "]";
    }
}
