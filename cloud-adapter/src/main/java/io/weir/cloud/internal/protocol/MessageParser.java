package io.weir.cloud.internal.protocol;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * Turns an ingest payload into a validated {@link InboundMessage}, or says exactly which field breaks the contract
 * of docs/protocol.md. Checks the version before anything else: a version it does not know is never guessed at.
 * A payload that starts with the gzip magic bytes is compact telemetry (version 2), inflated first.
 */
public final class MessageParser {
    public static final int VERSION = 1;
    /** The version of compact telemetry, which always comes gzip-compressed. */
    public static final int COMPACT_VERSION = 2;

    private final ObjectMapper json;

    public MessageParser() {
        // Our messages are flat batches: deep nesting, long numbers or huge strings are an attack, not data.
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxNumberLength(64).maxStringLength(64 * 1024).build()).build();
        this.json = JsonMapper.builder(factory)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    public InboundMessage parse(Topic topic, byte[] payload) throws PayloadException {
        boolean compact = Gzip.isGzip(payload);
        if (compact && topic.kind() != TopicKind.TELEMETRY) {
            throw new PayloadException("$", "is gzip-compressed, which only telemetry may be");
        }
        JsonFields root = JsonFields.root(readTree(compact ? Gzip.inflate(payload) : payload));
        checkVersion(root, compact ? COMPACT_VERSION : VERSION);
        String gatewayId = root.requiredText("gatewayId", Topic.GATEWAY_ID);
        if (!gatewayId.equals(topic.gatewayId())) {
            throw new PayloadException("gatewayId",
                    "'" + gatewayId + "' does not match the topic's gateway '" + topic.gatewayId() + "'");
        }
        return switch (topic.kind()) {
            case STATE -> StateReader.read(root, gatewayId);
            case TELEMETRY -> compact ? CompactTelemetryReader.read(root, gatewayId)
                    : TelemetryReader.read(root, gatewayId);
            case ALARM -> AlarmReader.read(root, gatewayId);
            case EVENT -> EventReader.read(root, gatewayId);
            case REPLY -> ReplyReader.read(root, topic);
        };
    }

    private JsonNode readTree(byte[] payload) throws PayloadException {
        try {
            return json.readTree(payload);
        } catch (JacksonException e) {
            throw new PayloadException("$", "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PayloadException("$", "unreadable: " + e.getMessage());
        }
    }

    /** {@code expected}: 1 for JSON, 2 for a gzip-compressed (compact telemetry) payload. */
    private static void checkVersion(JsonFields root, int expected) throws PayloadException {
        String understood = expected == VERSION ? "v=" + VERSION + " (and v=" + COMPACT_VERSION + " telemetry when"
                + " gzip-compressed)" : "v=" + COMPACT_VERSION + " in a gzip-compressed payload";
        if (!root.has("v")) {
            throw new PayloadException("v", "is missing; this adapter understands " + understood);
        }
        JsonNode v = root.raw("v");
        if (!v.isIntegralNumber() || v.asLong() != expected) {
            throw new PayloadException("v", "unsupported version " + v + "; this adapter understands " + understood);
        }
    }
}
