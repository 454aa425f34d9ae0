package io.weir.cloud.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.weir.cloud.OpsAccess;
import io.weir.metrics.Exposition;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a platform team's tooling asks the adapter: {@code /healthz} (the process answers: liveness),
 * {@code /readyz} (database reachable, broker connected, case outbox worker alive: readiness, 503 with the problems
 * otherwise) and {@code /metrics} (Prometheus text format). The probes need no token (an orchestrator's kubelet has
 * none) but keep the Host check; {@code /metrics} needs the scrape token, or an operator's.
 */
final class ProbeEndpoints {

    private final HttpGuard guard;
    private final ObjectMapper json;
    private final Supplier<Map<String, String>> readiness;
    private final Supplier<String> metrics;
    private final byte[] scrapeTokenSha256;

    /**
     * @param readiness          every check by name, its problem or "ok"
     * @param scrapeTokenSha256  hex SHA-256 of the scrape token, or null for operators only
     */
    ProbeEndpoints(HttpGuard guard, ObjectMapper json, Supplier<Map<String, String>> readiness,
                   Supplier<String> metrics, String scrapeTokenSha256) {
        this.guard = guard;
        this.json = json;
        this.readiness = readiness;
        this.metrics = metrics;
        this.scrapeTokenSha256 = scrapeTokenSha256 == null ? null
                : scrapeTokenSha256.getBytes(StandardCharsets.US_ASCII);
    }

    void live(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (admitted(exchange, guard.checkHost(exchange))) {
                JsonReply.send(exchange, json, 200, Map.of("status", "up"));
            }
        }
    }

    void ready(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!admitted(exchange, guard.checkHost(exchange))) {
                return;
            }
            Map<String, String> checks = readiness.get();
            boolean ready = checks.values().stream().allMatch("ok"::equals);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", ready ? "ready" : "not-ready");
            body.put("checks", checks);
            JsonReply.send(exchange, json, ready ? 200 : 503, body);
        }
    }

    void metrics(HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpGuard.Verdict host = guard.checkHost(exchange);
            if (!admitted(exchange, host)) {
                return;
            }
            if (!scrapeToken(exchange.getRequestHeaders().getFirst("Authorization"))
                    && !admitted(exchange, guard.check(exchange, false, Set.of()))) {
                return;
            }
            byte[] body = metrics.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", Exposition.CONTENT_TYPE);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private boolean scrapeToken(String authorization) {
        if (scrapeTokenSha256 == null || authorization == null
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = OpsAccess.sha256(authorization.substring(7).strip()).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, scrapeTokenSha256);
    }

    private boolean admitted(HttpExchange exchange, HttpGuard.Verdict verdict) throws IOException {
        if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
            JsonReply.send(exchange, json, 405, JsonReply.error("method-not-allowed", "GET only"));
            return false;
        }
        if (verdict.allowed()) {
            return true;
        }
        if (verdict.status() == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"weir-metrics\"");
        }
        JsonReply.send(exchange, json, verdict.status(), JsonReply.error(verdict.error(), verdict.detail()));
        return false;
    }
}
