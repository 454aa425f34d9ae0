package io.weir.cloud.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.weir.cloud.deploy.Deployments;
import io.weir.cloud.internal.store.CaseStatusTable;
import io.weir.cloud.internal.store.Transactor;
import io.weir.cloud.sign.SignatureVerifier;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter's small HTTP server (JDK HttpServer): the county platform's signed case-status webhook at
 * {@value #WEBHOOK}, the operations REST API under {@code /api/v1/ops/} and the dashboard page at {@code /}.
 */
public final class OpsServer implements AutoCloseable {
    public static final String WEBHOOK = "/webhooks/county/case-status";
    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);
    private static final Set<String> STATUSES = Set.of("REGISTERED", "DISPATCHED", "HANDLED", "CLOSED");

    /** Sends the alarm acknowledgement for a case status to its gateway; throws when the broker did not take it. */
    @FunctionalInterface
    public interface AckPublisher {
        void publish(String gatewayId, byte[] payload) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final Transactor transactor;
    private final CaseStatusTable statuses;
    private final SignatureVerifier verifier;
    private final AckPublisher acks;
    private final ObjectMapper json;
    private final Clock clock;
    private final OpsQueries queries;
    private final Deployments deployments;
    private final DeployApi deployApi;
    private final AtomicLong webhooksRejected = new AtomicLong();
    private final byte[] opsToken;

    public OpsServer(String host, int port, Transactor transactor, CaseStatusTable statuses,
                     SignatureVerifier verifier, AckPublisher acks, Deployments deployments, ObjectMapper json,
                     Clock clock, String opsToken) {
        this.opsToken = opsToken.getBytes(StandardCharsets.UTF_8);
        this.deployments = deployments;
        this.deployApi = new DeployApi(deployments, json);
        this.transactor = transactor;
        this.statuses = statuses;
        this.verifier = verifier;
        this.acks = acks;
        this.json = json;
        this.clock = clock;
        this.queries = new OpsQueries(transactor);
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("operations HTTP server could not listen on " + host + ":" + port, e);
        }
        threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "weir-ops-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext(WEBHOOK, this::webhook);
        server.createContext("/api/v1/ops/", this::rest);
        server.createContext("/", this::dashboard);
    }

    public void start() {
        server.start();
        LOG.info("Operations view and webhook on {}", uri());
    }

    public URI uri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
        return URI.create("http://" + host + ":" + address.getPort() + "/");
    }

    /** Webhook calls refused (bad signature, bad body, unknown case). */
    public long webhooksRejected() {
        return webhooksRejected.get();
    }

    private void webhook(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!exchange.getRequestMethod().equals("POST")) {
                reply(exchange, 405, error("method-not-allowed", "POST only"));
                return;
            }
            String problem = verifier.problem("POST", exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders()::getFirst, body);
            if (problem != null) {
                refuse(exchange, 401, "bad-signature", problem);
                return;
            }
            JsonNode event;
            try {
                event = json.readTree(body);
            } catch (IOException e) {
                refuse(exchange, 400, "malformed-body", "not JSON: " + e.getMessage());
                return;
            }
            if (event == null || event.path("v").asInt() != 1) {
                refuse(exchange, 400, "bad-field", "v must be 1");
                return;
            }
            String caseId = event.path("caseId").asText("");
            String status = event.path("status").asText("");
            if (caseId.isEmpty() || !STATUSES.contains(status)) {
                refuse(exchange, 400, "bad-field", "caseId and a status of " + STATUSES + " are required");
                return;
            }
            CaseStatusTable.Recorded recorded = transactor.write(c -> statuses.record(c, caseId, status,
                    clock.instant()));
            if (recorded == null) {
                refuse(exchange, 404, "unknown-case", "no case " + caseId + " was opened by this adapter");
                return;
            }
            if (recorded.ackPending()) {
                try {
                    acks.publish(recorded.gatewayId(), ack(recorded, caseId, status));
                } catch (Exception e) {
                    LOG.warn("Alarm acknowledgement for case {} {} not published: {}; asking the platform to retry",
                            caseId, status, e.toString());
                    reply(exchange, 503, error("unavailable", "the gateway command could not be published"));
                    return;
                }
                transactor.write(c -> {
                    statuses.ackPublished(c, caseId, status);
                    return null;
                });
                LOG.info("Case {} of alarm {} is {}: acknowledgement sent to {}", caseId, recorded.alarmId(), status,
                        recorded.gatewayId());
            }
            reply(exchange, 200, Map.of("accepted", true));
        }
    }

    private byte[] ack(CaseStatusTable.Recorded recorded, String caseId, String status) throws IOException {
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("v", 1);
        ack.put("requestId", caseId + ":" + status);
        ack.put("expiresAt", io.weir.cloud.internal.protocol.CommandExpiry.from(clock));
        ack.put("alarmId", recorded.alarmId());
        ack.put("caseId", caseId);
        ack.put("status", status);
        ack.put("ts", clock.instant().toString());
        return json.writeValueAsBytes(ack);
    }

    private void rest(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] request = exchange.getRequestBody().readAllBytes();
            if (!exchange.getRequestMethod().equals("GET") && !authorized(exchange)) {
                LOG.warn("{} {} refused: missing or wrong bearer token", exchange.getRequestMethod(), path);
                reply(exchange, 401, error("unauthorized", "changes need 'Authorization: Bearer <ops token>'"));
                return;
            }
            if (path.startsWith(DeployApi.PREFIX)) {
                DeployApi.Answer answer = deployApi.handle(exchange.getRequestMethod(), path,
                        exchange.getRequestURI().getRawQuery(), request);
                if (answer.status() >= 400) {
                    LOG.warn("{} {} refused with {}: {}", exchange.getRequestMethod(), path, answer.status(),
                            answer.body());
                }
                reply(exchange, answer.status(), answer.body());
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                reply(exchange, 405, error("method-not-allowed", "GET only at " + path));
                return;
            }
            Object body = switch (path) {
                case "/api/v1/ops/gateways" -> queries.gateways();
                case "/api/v1/ops/readings/latest" -> queries.latestReadings();
                case "/api/v1/ops/alarms/open" -> queries.openAlarms();
                case "/api/v1/ops/cases" -> queries.cases();
                case "/api/v1/ops/followups" -> queries.followUps();
                default -> null;
            };
            if (body == null) {
                reply(exchange, 404, error("not-found", "no resource at " + exchange.getRequestURI().getPath()));
            } else {
                reply(exchange, 200, Map.of("v", 1, "items", body));
            }
        }
    }

    /** With no token configured (loopback only, see the CLI) every request is allowed. */
    private boolean authorized(HttpExchange exchange) {
        if (opsToken.length == 0) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.startsWith("Bearer ")
                && MessageDigest.isEqual(header.substring("Bearer ".length()).getBytes(StandardCharsets.UTF_8),
                        opsToken);
    }

    private void dashboard(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/")) {
                reply(exchange, 404, error("not-found", "no resource at " + exchange.getRequestURI().getPath()));
                return;
            }
            byte[] page = Dashboard.render(new Dashboard.Data(queries.gateways(), queries.latestReadings(),
                    queries.openAlarms(), queries.cases(), queries.undeliveredFollowUps(), deployments.rollouts()),
                    json).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        }
    }

    private void refuse(HttpExchange exchange, int status, String error, String detail) throws IOException {
        webhooksRejected.incrementAndGet();
        LOG.warn("Webhook refused with {} {}: {}", status, error, detail);
        reply(exchange, status, error(error, detail));
    }

    private static Map<String, Object> error(String error, String detail) {
        return Map.of("error", error, "detail", detail);
    }

    private void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
