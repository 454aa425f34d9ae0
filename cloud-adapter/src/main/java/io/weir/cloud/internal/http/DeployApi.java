package io.weir.cloud.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.cloud.deploy.DeploymentPackageInfo;
import io.weir.cloud.deploy.DeploymentRequestException;
import io.weir.cloud.deploy.Deployments;
import io.weir.cloud.deploy.JobStatus;
import io.weir.cloud.deploy.PackageRefusedException;
import io.weir.cloud.deploy.PackageRegistration;
import io.weir.cloud.deploy.RolloutRequest;
import io.weir.cloud.deploy.RolloutStatus;
import io.weir.cloud.deploy.StoredGatewayEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deployment part of the operations REST API, under {@value #PREFIX}. Answers a status and a body; bad
 * requests get 400 (409 for a clash with what is stored) naming what is wrong.
 */
final class DeployApi {
    static final String PREFIX = "/api/v1/ops/deploy/";

    /** An answer: HTTP status and a body for JSON. */
    record Answer(int status, Object body) {
    }

    private final Deployments deployments;
    private final ObjectMapper json;

    DeployApi(Deployments deployments, ObjectMapper json) {
        this.deployments = deployments;
        this.json = json;
    }

    Answer handle(String method, String path, String query, byte[] body) {
        String[] parts = path.substring(PREFIX.length()).split("/", -1);
        try {
            return switch (method + " " + parts[0] + "/" + parts.length) {
                case "GET packages/1" -> list(deployments.packages().stream().map(DeployApi::map).toList());
                case "POST packages/1" -> new Answer(201, map(deployments.registerPackage(registration(body))));
                case "GET groups/1" -> new Answer(200, Map.of("v", 1, "groups", deployments.groups()));
                case "PUT groups/2" -> defineGroup(parts[1], body);
                case "GET rollouts/1" -> list(deployments.rollouts().stream().map(DeployApi::map).toList());
                case "POST rollouts/1" -> new Answer(201, map(deployments.startRollout(rollout(body))));
                case "GET rollouts/2" -> deployments.rollout(parts[1]).map(r -> new Answer(200, map(r)))
                        .orElseGet(() -> notFound("no rollout " + parts[1]));
                case "GET gateways/3" -> switch (parts[2]) {
                    case "jobs" -> list(deployments.jobs(parts[1]).stream().map(DeployApi::map).toList());
                    case "events" -> list(deployments.events(parts[1], limit(query)).stream().map(DeployApi::map)
                            .toList());
                    default -> notFound("no resource at " + path);
                };
                default -> notFound("no resource at " + method + " " + path);
            };
        } catch (DeploymentRequestException e) {
            return new Answer(e.conflict() ? 409 : 400, Map.of("error", e.conflict() ? "conflict" : "bad-request",
                    "detail", e.getMessage()));
        } catch (PackageRefusedException e) {
            return new Answer(422, Map.of("error", "package-refused", "reason", e.reason().name(),
                    "detail", e.getMessage()));
        }
    }

    private Answer defineGroup(String group, byte[] body) {
        JsonNode gateways = read(body).path("gateways");
        if (!gateways.isArray()) {
            throw new DeploymentRequestException("body must be {\"gateways\":[\"gw-1\", ...]}");
        }
        List<String> ids = new ArrayList<>();
        gateways.forEach(g -> ids.add(g.isTextual() ? g.asText() : null));
        deployments.defineGroup(group, ids);
        return new Answer(200, Map.of("v", 1, "group", group, "gateways", ids));
    }

    private PackageRegistration registration(byte[] body) {
        JsonNode r = read(body);
        String file = text(r, "file");
        return new PackageRegistration(text(r, "name"), text(r, "version"), text(r, "url"), text(r, "sha256"),
                file == null ? null : Path.of(file));
    }

    private RolloutRequest rollout(byte[] body) {
        JsonNode r = read(body);
        JsonNode canaries = r.path("canaries");
        if (!canaries.isMissingNode() && !canaries.isIntegralNumber()) {
            throw new DeploymentRequestException("canaries must be a whole number, was " + canaries);
        }
        String timeout = text(r, "timeout");
        Duration parsed = null;
        if (timeout != null) {
            try {
                parsed = Duration.parse(timeout);
            } catch (DateTimeParseException e) {
                throw new DeploymentRequestException("timeout '" + timeout + "' is not an ISO-8601 duration (PT30M)");
            }
        }
        return new RolloutRequest(text(r, "name"), text(r, "version"), text(r, "gateway"), text(r, "group"),
                canaries.asInt(0), parsed);
    }

    private JsonNode read(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new DeploymentRequestException("the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new DeploymentRequestException("the body is not JSON: " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new DeploymentRequestException(field + " must be a string, was " + value);
        }
        return value.asText();
    }

    static int limit(String query) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("limit=")) {
                    try {
                        return Integer.parseInt(pair.substring("limit=".length()));
                    } catch (NumberFormatException e) {
                        throw new DeploymentRequestException("limit must be a number: " + pair);
                    }
                }
            }
        }
        return 100;
    }

    private static Answer list(List<?> items) {
        return new Answer(200, Map.of("v", 1, "items", items));
    }

    private static Answer notFound(String detail) {
        return new Answer(404, Map.of("error", "not-found", "detail", detail));
    }

    static Map<String, Object> map(DeploymentPackageInfo p) {
        return ordered("name", p.name(), "version", p.version(), "url", p.url(), "sha256", p.sha256(),
                "sizeBytes", p.sizeBytes(), "registeredAt", iso(p.registeredAt()));
    }

    static Map<String, Object> map(RolloutStatus r) {
        return ordered("rolloutId", r.rolloutId(), "name", r.name(), "version", r.version(), "target", r.target(),
                "canaries", r.canaries(), "state", r.state().name(), "haltReason", r.haltReason(),
                "createdAt", iso(r.createdAt()), "updatedAt", iso(r.updatedAt()),
                "jobs", r.jobs().stream().map(DeployApi::map).toList());
    }

    static Map<String, Object> map(JobStatus j) {
        return ordered("jobId", j.jobId(), "rolloutId", j.rolloutId(), "gatewayId", j.gatewayId(),
                "canary", j.canary(), "state", j.state().name(), "detail", j.detail(), "bytes", j.bytes(),
                "totalBytes", j.totalBytes(), "attempts", j.attempts(), "updatedAt", iso(j.updatedAt()));
    }

    static Map<String, Object> map(StoredGatewayEvent e) {
        return ordered("gatewayId", e.gatewayId(), "seq", e.seq(), "index", e.index(), "type", e.type(),
                "source", e.source(), "ts", iso(e.ts()), "jobId", e.jobId(), "body", e.bodyJson());
    }

    private static String iso(Instant time) {
        return time == null ? null : time.toString();
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
