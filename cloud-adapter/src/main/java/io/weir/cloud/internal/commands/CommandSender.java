package io.weir.cloud.internal.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/**
 * Sends a command to a gateway on {@code weir/v1/{gatewayId}/cmd/{name}} with an end: the envelope gets
 * {@code expiresAt} (an ISO-8601 UTC instant, after which the gateway refuses it) and the MQTT message the same
 * lifetime as its Message Expiry Interval (so the broker drops it from a sleeping gateway's queue). Never retained:
 * a command must not be applied again by whoever subscribes later.
 */
public final class CommandSender {

    /** The MQTT connection: publishes QoS 1, not retained, and waits for the broker's PUBACK. */
    @FunctionalInterface
    public interface Connection {
        void publish(String topic, byte[] payload, Duration expiry) throws Exception;
    }

    private final Connection connection;
    private final ObjectMapper json;
    private final Clock clock;

    public CommandSender(Connection connection, ObjectMapper json, Clock clock) {
        this.connection = connection;
        this.json = json;
        this.clock = clock;
    }

    /** Publishes {@code envelope} (a JSON object with {@code v} and {@code requestId}) valid for {@code ttl}. */
    public void send(String gatewayId, String command, byte[] envelope, Duration ttl) throws Exception {
        connection.publish("weir/v1/" + gatewayId + "/cmd/" + command, stamp(envelope, ttl), ttl);
    }

    /** The envelope with {@code expiresAt} right after {@code requestId}. */
    byte[] stamp(byte[] envelope, Duration ttl) throws IOException {
        JsonNode parsed = json.readTree(envelope);
        if (!(parsed instanceof ObjectNode in)) {
            throw new IllegalArgumentException("a command envelope must be a JSON object");
        }
        ObjectNode out = json.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = in.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals("expiresAt")) {
                out.set(field.getKey(), field.getValue());
            }
            if (field.getKey().equals("requestId")) {
                out.put("expiresAt", clock.instant().plus(ttl).toString());
            }
        }
        return json.writeValueAsBytes(out);
    }
}
