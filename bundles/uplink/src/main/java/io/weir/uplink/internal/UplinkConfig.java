package io.weir.uplink.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Weir uplink", description = "MQTT connection to the cloud")
@interface UplinkConfig {

    @AttributeDefinition(name = "Broker URL", description = "tcp://host:port or ssl://host:port")
    String brokerUrl();

    @AttributeDefinition(name = "User name", description = "Per-gateway credential; empty for none")
    String username() default "";

    @AttributeDefinition(name = "Password file", description = "File holding this gateway's broker password, "
            + "readable by the runtime user only (mode 600); empty for none. The password is never in the "
            + "configuration itself, nor in a log line.")
    String passwordFile() default "";

    @AttributeDefinition(name = "Device profiles", description = "Profile ids in use, announced in the birth")
    String[] profiles() default {};

    @AttributeDefinition(name = "In-flight window", description = "Messages published and not yet acknowledged",
            min = "1", max = "1000")
    int maxInFlight() default 10;

    @AttributeDefinition(name = "Records per message", description = "Readings or alarm events in one message",
            min = "1", max = "10000")
    int maxRecordsPerMessage() default 500;

    @AttributeDefinition(name = "Message size cap (bytes)", description = "The most bytes one published message may"
            + " hold; keep it under the broker's limit (many cloud brokers allow 128 KiB to 256 KiB)",
            min = "4096", max = "268435455")
    int maxMessageBytes() default UplinkOptions.DEFAULT_MAX_MESSAGE_BYTES;

    @AttributeDefinition(name = "State refresh (s)", min = "5", max = "86400", description = "How often the"
            + " retained state message, with each bundle's status (Modbus diagnostics, deployments), is published again")
    int stateRefreshSeconds() default UplinkOptions.DEFAULT_STATE_REFRESH_SECONDS;

    @AttributeDefinition(name = "Keep-alive (s)", min = "5", max = "3600")
    int keepAliveSeconds() default 30;

    @AttributeDefinition(name = "Longest reconnect delay (s)", min = "1", max = "300", description = "Retries of a"
            + " lost or refused connection wait twice as long each time, with jitter, up to this: the longest a"
            + " broker that is back waits for the gateway")
    int maxReconnectDelaySeconds() default 5;

    @AttributeDefinition(name = "Message rate limit (messages/s)", min = "0", max = "100000",
            description = "Messages published per second at most; 0 (the default) for no limit")
    double maxMessagesPerSecond() default 0;

    @AttributeDefinition(name = "CA file", description = "ssl:// only: PEM file of the CA(s) that sign the broker's "
            + "certificate, trusted alone; empty to use the trust store, or else the JVM's default CAs")
    String caFile() default "";

    @AttributeDefinition(name = "Client certificate file", description = "ssl:// only: PEM file of this gateway's "
            + "client certificate (its chain after it), for mutual TLS with the key file; wins over the key store")
    String certFile() default "";

    @AttributeDefinition(name = "Client key file", description = "ssl:// only: PEM file (unencrypted PKCS#8) of the "
            + "client certificate's private key, readable by the runtime user only")
    String keyFile() default "";

    @AttributeDefinition(name = "Trust store", description = "ssl:// only: PKCS12 or JKS trust store, used when no "
            + "CA file is set")
    String trustStore() default "";

    @AttributeDefinition(name = "Trust store password", type = AttributeType.PASSWORD)
    String _trustStorePassword() default "";

    @AttributeDefinition(name = "Client key store", description = "ssl:// only: PKCS12 or JKS key store holding "
            + "this gateway's client certificate and key; empty for none")
    String keyStore() default "";

    @AttributeDefinition(name = "Client key store password", type = AttributeType.PASSWORD,
            description = "Also the key's password")
    String _keyStorePassword() default "";

    @AttributeDefinition(name = "Largest command (bytes)", min = "1024", max = "1048576", description = "A command "
            + "larger than this is dropped unread, before the MQTT client holds it in memory")
    int maxCommandBytes() default CommandOptions.DEFAULT_MAX_BYTES;

    @AttributeDefinition(name = "Longest command lifetime (s)", min = "10", max = "604800", description = "A command "
            + "whose expiresAt lies further ahead of the gateway's clock is refused")
    int maxCommandLifetimeSeconds() default CommandOptions.DEFAULT_MAX_LIFETIME_SECONDS;

    @AttributeDefinition(name = "Telemetry encoding", description = "json: one JSON object per reading (v1);"
            + " compact: readings grouped per channel and gzip-compressed (v2), for metered links",
            options = {@Option(value = "json"), @Option(value = "compact")})
    String telemetryEncoding() default "json";
}
