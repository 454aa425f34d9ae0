package io.weir.cloud.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.cloud.deploy.DeploymentPackageInfo;
import io.weir.cloud.deploy.DeploymentRequestException;
import io.weir.cloud.deploy.Deployments;
import io.weir.cloud.deploy.FleetInventory;
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
    private final FleetInventory inventory;
    private final ObjectMapper json;

    DeployApi(Deployments deployments, FleetInventory inventory, ObjectMapper json) {
        this.deployments = deployments;
        this.inventory = inventory;
        this.json = json;
    }

    Answer handle(String method, String path, String query, byte[] body, String operator) {
        String[] parts = path.substring(PREFIX.length()).split("/", -1);
        try {
            return switch (method + " " + parts[0] + "/" + parts.length) {
                case "GET packages/1" -> list(deployments.packages().stream().map(DeployApi::map).toList());
                case "POST packages/1" -> new Answer(201, map(deployments.registerPackage(registration(body))));
                case "DELETE packages/3" -> deployments.deletePackage(parts[1], parts[2])
                        ? new Answer(200, Map.of("v", 1, "name", parts[1], "version", parts[2], "deleted", true))
                        : notFound("package " + parts[1] + " " + parts[2] + " is not registered");
                case "GET groups/1" -> new Answer(200, Map.of("v", 1, "groups", deployments.groups()));
                case "PUT groups/2" -> defineGroup(parts[1], body);
                case "GET rollouts/1" -> list(deployments.rollouts().stream().map(DeployApi::map).toList());
                case "POST rollouts/1" -> new Answer(201, map(deployments.startRollout(rollout(body))));
                case "GET rollouts/2" -> deployments.rollout(parts[1]).map(r -> new Answer(200, map(r)))
                        .orElseGet(() -> notFound("no rollout " + parts[1]));
                case "POST rollouts/3" -> steer(parts[1], parts[2], body, operator);
                case "GET inventory/1" -> list(inventory.inventory().stream().map(InventoryJson::map).toList());
                case "GET gateways/3" -> switch (parts[2]) {
                    case "jobs" -> list(deployments.jobs(parts[1]).stream().map(DeployApi::map).toList());
                    case "events" -> list(deployments.events(parts[1], limit(query)).stream().map(DeployApi::map)
                            .toList());
                    case "inventory" -> inventory.inventory(parts[1]).map(i -> new Answer(200, InventoryJson.map(i)))
                            .orElseGet(() -> notFound("gateway " + parts[1] + " has reported no inventory"));
                    default -> notFound("no resource at " + path);
                };
                case "POST gateways/3" -> parts[2].equals("redeploy")
                        ? new Answer(201, Map.of("v", 1, "rollouts", inventory.redeploy(parts[1], operator).stream()
                        .map(DeployApi::map).toList()))
                        : notFound("no resource at " + method + " " + path);
                default -> notFound("no resource at " + method + " " + path);
            };
        } catch (DeploymentRequestException e) {
            int status = e.notFound() ? 404 : e.conflict() ? 409 : 400;
            return new Answer(status, Map.of("error", e.notFound() ? "not-found" : e.conflict() ? "conflict"
                    : "bad-request", "detail", e.getMessage()));
        } catch (PackageRefusedException e) {
            return new Answer(422, Map.of("error", "package-refused", "reason", e.reason().name(),
                    "detail", e.getMessage()));
        }
    }

    private Answer defineGroup(String group, byte[] body) {
        List<String> ids = texts(read(body), "gateways", "body must be {\"gateways\":[\"gw-1\", ...]}");
        List<String> warnings = deployments.defineGroup(group, ids);
        return new Answer(200, Map.of("v", 1, "group", group, "gateways", ids, "warnings", warnings));
    }

    /** POST rollouts/{id}/pause|resume|cancel|retry|rollback. */
    private Answer steer(String rolloutId, String step, byte[] body, String operator) {
        JsonNode request = body.length == 0 ? json.createObjectNode() : read(body);
        RolloutStatus result = switch (step) {
            case "pause" -> deployments.pause(rolloutId, operator);
            case "resume" -> deployments.resume(rolloutId, operator);
            case "cancel" -> deployments.cancel(rolloutId, operator);
            case "retry" -> deployments.retry(rolloutId, request.has("gateways") ? texts(request, "gateways",
                    "gateways must be a list of gateway ids") : List.of(), operator);
            case "rollback" -> {
                JsonNode wave = request.path("wave");
                if (!wave.isMissingNode() && !wave.isNull() && !wave.isIntegralNumber()) {
                    throw new DeploymentRequestException("wave must be a whole number, was " + wave);
                }
                RolloutStatus started = deployments.rollback(rolloutId, wave.isIntegralNumber() ? wave.asInt() : null,
                        operator);
                yield started;
            }
            default -> throw DeploymentRequestException.notFound("no step " + step + "; steps: pause, resume, "
                    + "cancel, retry, rollback");
        };
        return new Answer(step.equals("rollback") ? 201 : 200, map(result));
    }

    private static List<String> texts(JsonNode node, String field, String problem) {
        JsonNode list = node.path(field);
        if (!list.isArray()) {
            throw new DeploymentRequestException(problem);
        }
        List<String> texts = new ArrayList<>();
        list.forEach(g -> texts.add(g.isTextual() ? g.asText() : null));
        return texts;
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
        Duration parsed = duration(r, "timeout");
        JsonNode threshold = r.path("successThreshold");
        if (!threshold.isMissingNode() && !threshold.isIntegralNumber()) {
            throw new DeploymentRequestException("successThreshold must be a whole number of percent, was "
                    + threshold);
        }
        List<String> waves = null;
        if (r.has("waves")) {
            waves = new ArrayList<>();
            if (!r.get("waves").isArray()) {
                throw new DeploymentRequestException("waves must be a list of sizes, e.g. [1, \"25%\"]");
            }
            for (JsonNode w : r.get("waves")) {
                waves.add(w.isIntegralNumber() || w.isTextual() ? w.asText() : null);
            }
        }
        return new RolloutRequest(text(r, "name"), text(r, "version"), text(r, "gateway"), text(r, "group"),
                canaries.asInt(0), parsed, waves, threshold.isIntegralNumber() ? threshold.asInt() : null,
                duration(r, "soak"));
    }

    private static Duration duration(JsonNode r, String field) {
        String text = text(r, field);
        if (text == null) {
            return null;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new DeploymentRequestException(field + " '" + text + "' is not an ISO-8601 duration (PT10M)");
        }
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
                "createdAt", iso(r.createdAt()), "updatedAt", iso(r.updatedAt()), "waves", r.waves(),
                "waveCount", r.waveCount(), "currentWave", r.currentWave(), "successThreshold", r.successThreshold(),
                "soak", r.soak().toString(), "nextWaveAt", iso(r.nextWaveAt()), "rollbackOf", r.rollbackOf(),
                "rollbackWave", r.rollbackWave(), "steeredBy", r.steeredBy(),
                "jobs", r.jobs().stream().map(DeployApi::map).toList());
    }

    static Map<String, Object> map(JobStatus j) {
        return ordered("jobId", j.jobId(), "rolloutId", j.rolloutId(), "gatewayId", j.gatewayId(),
                "canary", j.canary(), "wave", j.wave(), "action", j.action(), "version", j.version(),
                "previousVersion", j.previousVersion(), "state", j.state().name(), "detail", j.detail(),
                "bytes", j.bytes(), "totalBytes", j.totalBytes(), "attempts", j.attempts(),
                "lastReportAt", iso(j.lastReportAt()), "supersededBy", j.supersededBy(),
                "updatedAt", iso(j.updatedAt()));
    }

    static Map<String, Object> map(StoredGatewayEvent e) {
        return ordered("gatewayId", e.gatewayId(), "seq", e.seq(), "index", e.index(), "type", e.type(),
                "source", e.source(), "ts", iso(e.ts()), "jobId", e.jobId(), "body", e.bodyJson());
    }

    static String iso(Instant time) {
        return time == null ? null : time.toString();
    }

    static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
