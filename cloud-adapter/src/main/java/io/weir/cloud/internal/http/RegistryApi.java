package io.weir.cloud.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.cloud.gateways.GatewayRegistry;
import io.weir.cloud.gateways.QuarantinedMessage;
import io.weir.cloud.gateways.RegisteredGateway;
import io.weir.cloud.gateways.UnknownGateway;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway registry in the operations REST API: {@value #REGISTRY} (list, PUT to register, DELETE to
 * deregister) and {@value #QUARANTINE} (unknown gateway ids with their counts, and their kept messages).
 */
final class RegistryApi {
    static final String REGISTRY = "/api/v1/ops/registry";
    static final String QUARANTINE = "/api/v1/ops/quarantine";

    private final GatewayRegistry registry;
    private final ObjectMapper json;

    RegistryApi(GatewayRegistry registry, ObjectMapper json) {
        this.registry = registry;
        this.json = json;
    }

    static boolean handles(String path) {
        return path.equals(REGISTRY) || path.startsWith(REGISTRY + "/") || path.equals(QUARANTINE)
                || path.startsWith(QUARANTINE + "/");
    }

    DeployApi.Answer handle(String method, String path, String query, byte[] body, String operator) {
        try {
            if (path.equals(REGISTRY) && method.equals("GET")) {
                return list(registry.registered().stream().map(RegistryApi::map).toList());
            }
            if (path.equals(QUARANTINE) && method.equals("GET")) {
                return list(registry.unknown().stream().map(RegistryApi::map).toList());
            }
            if (path.startsWith(QUARANTINE + "/") && method.equals("GET")) {
                String id = path.substring(QUARANTINE.length() + 1);
                return list(registry.quarantined(id, DeployApi.limit(query)).stream().map(RegistryApi::map).toList());
            }
            if (path.startsWith(REGISTRY + "/")) {
                String id = path.substring(REGISTRY.length() + 1);
                return switch (method) {
                    case "PUT" -> {
                        boolean added = registry.register(id, note(body), operator);
                        yield new DeployApi.Answer(added ? 201 : 200, Map.of("v", 1, "gatewayId", id,
                                "registered", true));
                    }
                    case "DELETE" -> registry.deregister(id, operator)
                            ? new DeployApi.Answer(200, Map.of("v", 1, "gatewayId", id, "registered", false))
                            : new DeployApi.Answer(404, JsonReply.error("not-found", "gateway " + id
                                    + " is not registered"));
                    default -> notAllowed(method, path);
                };
            }
            return notAllowed(method, path);
        } catch (IllegalArgumentException | io.weir.cloud.deploy.DeploymentRequestException e) {
            return new DeployApi.Answer(400, JsonReply.error("bad-request", e.getMessage()));
        }
    }

    private String note(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object, e.g. {\"note\":\"Yuxi station\"}");
            }
            JsonNode note = node.get("note");
            if (note != null && !note.isNull() && !note.isTextual()) {
                throw new IllegalArgumentException("note must be a string, was " + note);
            }
            return note == null || note.isNull() ? null : note.asText();
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
        }
    }

    private static DeployApi.Answer notAllowed(String method, String path) {
        return new DeployApi.Answer(405, JsonReply.error("method-not-allowed", method + " is not allowed at " + path));
    }

    private static DeployApi.Answer list(List<?> items) {
        return new DeployApi.Answer(200, Map.of("v", 1, "items", items));
    }

    private static Map<String, Object> map(RegisteredGateway g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gatewayId", g.gatewayId());
        m.put("registeredAt", iso(g.registeredAt()));
        m.put("registeredBy", g.registeredBy());
        m.put("note", g.note());
        return m;
    }

    private static Map<String, Object> map(UnknownGateway g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gatewayId", g.gatewayId());
        m.put("firstSeenAt", iso(g.firstSeenAt()));
        m.put("lastSeenAt", iso(g.lastSeenAt()));
        m.put("messages", g.messages());
        return m;
    }

    private static Map<String, Object> map(QuarantinedMessage q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("receivedAt", iso(q.receivedAt()));
        m.put("topic", q.topic());
        m.put("payload", q.payload());
        m.put("payloadEncoding", q.payloadEncoding());
        m.put("payloadBytes", q.payloadBytes());
        m.put("payloadSha256", q.payloadSha256());
        m.put("truncated", q.truncated());
        return m;
    }

    private static String iso(Instant time) {
        return time == null ? null : time.toString();
    }
}
