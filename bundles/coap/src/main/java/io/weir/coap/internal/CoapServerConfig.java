package io.weir.coap.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The CoAP server, as the site bundle writes it from the site file's {@code coap} section (PID
 * {@value CoapServerComponent#PID}); see docs/configuration.md. The defaults here are the only ones.
 */
@ObjectClassDefinition(name = "Weir CoAP server",
        description = "CoAP over DTLS 1.2 with pre-shared keys: takes SenML reports from battery field devices")
public @interface CoapServerConfig {

    @AttributeDefinition(name = "Bind address", description = "Address to listen on; empty: every interface")
    String bindAddress() default "";

    @AttributeDefinition(name = "DTLS port", description = "UDP port for coaps (5684 is CoAP's; 0: any free port)",
            min = "0", max = "65535")
    int port() default 5684;

    @AttributeDefinition(name = "Plain CoAP port (lab only)", description = "UDP port for unencrypted,"
            + " unauthenticated CoAP, where a device names itself with ?id=<identity>. -1: off. Never on a gateway"
            + " in the field", min = "-1", max = "65535")
    int labPlainPort() default -1;

    @AttributeDefinition(name = "Largest payload (bytes)", description = "A larger report is refused 4.13",
            min = "64", max = "65536")
    int maxPayloadBytes() default 1024;

    @AttributeDefinition(name = "Requests per minute per device", description = "More are refused 4.29;"
            + " a battery device reports a few times an hour", min = "1")
    int requestsPerMinute() default 30;

    @AttributeDefinition(name = "Silent after (report intervals)", description = "A device silent for this many"
            + " of its report intervals is flagged: its channels read STALE", min = "1")
    int staleAfterIntervals() default 3;

    @AttributeDefinition(name = "Silence check period (s)", min = "1")
    int staleCheckSeconds() default 30;

    @AttributeDefinition(name = "Most DTLS sessions", description = "Sessions kept at once; the least recently"
            + " used goes when full", min = "16")
    int maxConnections() default 20000;

    @AttributeDefinition(name = "Protocol threads", description = "Threads that handle reports (a report waits"
            + " for the store's commit on one)", min = "1", max = "64")
    int threads() default 4;
}
