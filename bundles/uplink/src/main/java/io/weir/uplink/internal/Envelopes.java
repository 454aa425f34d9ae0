package io.weir.uplink.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.SiteInfo;
import io.weir.api.store.MessageClass;
import io.weir.api.store.StoredMessage;

/**
 * Writes the MQTT payloads of docs/protocol.md. Stored records are already protocol JSON and go in raw, or, for
 * telemetry in the compact encoding, regrouped by {@link CompactTelemetry}.
 */
final class Envelopes {

    private static final Logger LOG = LoggerFactory.getLogger(Envelopes.class);

    static final int VERSION = 1;
    private final JsonFactory json = new JsonFactory();
    private final TelemetryEncoding telemetryEncoding;
    private final CompactTelemetry compact = new CompactTelemetry();

    /** Telemetry as JSON (version 1). */
    Envelopes() {
        this(TelemetryEncoding.JSON);
    }

    Envelopes(TelemetryEncoding telemetryEncoding) {
        this.telemetryEncoding = telemetryEncoding;
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    byte[] message(String gatewayId, StoredMessage message, Instant sentAt) {
        if (telemetryEncoding == TelemetryEncoding.COMPACT && message.messageClass() == MessageClass.TELEMETRY) {
            try {
                return compact.message(gatewayId, message, sentAt);
            } catch (IllegalArgumentException e) {
                // the cloud reads both encodings: a record the compact form cannot hold must not stop the uplink
                LOG.warn("telemetry message {} goes as JSON: {}", message.seq(), e.getMessage());
            }
        }
        return write(g -> {
            g.writeNumberField("v", VERSION);
            g.writeStringField("gatewayId", gatewayId);
            g.writeNumberField("seq", message.seq());
            g.writeStringField("sentAt", sentAt.toString());
            g.writeArrayFieldStart(message.messageClass() == MessageClass.TELEMETRY ? "readings" : "events");
            for (String record : message.records()) {
                g.writeRawValue(record);
            }
            g.writeEndArray();
        });
    }

    /**
     * The retained state: the birth on connect, and again on each refresh. {@code status} holds each status
     * provider's JSON value, already checked.
     */
    byte[] birth(SiteInfo site, Instant ts, Map<String, String> runtime, List<String> profiles,
                 Map<String, String> status) {
        return write(g -> {
            g.writeNumberField("v", VERSION);
            g.writeStringField("gatewayId", site.gatewayId());
            g.writeBooleanField("online", true);
            g.writeStringField("ts", ts.toString());
            g.writeObjectFieldStart("runtime");
            for (var e : runtime.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("site");
            g.writeStringField("stationCode", site.stationCode());
            g.writeStringField("name", site.name());
            g.writeNumberField("latitude", site.latitude());
            g.writeNumberField("longitude", site.longitude());
            g.writeEndObject();
            g.writeArrayFieldStart("profiles");
            for (String profile : profiles) {
                g.writeString(profile);
            }
            g.writeEndArray();
            if (!status.isEmpty()) {
                g.writeObjectFieldStart("status");
                for (var e : status.entrySet()) {
                    g.writeFieldName(e.getKey());
                    g.writeRawValue(e.getValue());
                }
                g.writeEndObject();
            }
        });
    }

    /** The last will (no timestamp: the broker sends it later) or, with a timestamp, the clean death. */
    byte[] offline(String gatewayId, String reason, Instant ts) {
        return write(g -> {
            g.writeNumberField("v", VERSION);
            g.writeStringField("gatewayId", gatewayId);
            g.writeBooleanField("online", false);
            g.writeStringField("reason", reason);
            if (ts != null) {
                g.writeStringField("ts", ts.toString());
            }
        });
    }

    /**
     * A command reply: {@code result} is raw JSON (an object) when the command succeeded, {@code error} a sentence
     * when it did not; exactly one of them is non-null.
     */
    byte[] reply(String gatewayId, String requestId, String command, Instant ts, String result, String error) {
        return write(g -> {
            g.writeNumberField("v", VERSION);
            g.writeStringField("gatewayId", gatewayId);
            g.writeStringField("requestId", requestId);
            g.writeStringField("command", command);
            g.writeStringField("ts", ts.toString());
            g.writeBooleanField("ok", error == null);
            if (error == null) {
                g.writeFieldName("result");
                g.writeRawValue(result);
            } else {
                g.writeStringField("error", error);
            }
        });
    }

    private byte[] write(Body body) {
        var out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
