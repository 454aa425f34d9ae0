package io.weir.cloud.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.weir.cloud.OpsAccess;
import io.weir.cloud.deploy.Deployments;
import io.weir.cloud.deploy.FleetInventory;
import io.weir.cloud.gateways.GatewayRegistry;
import io.weir.cloud.internal.store.Transactor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter's small HTTP server (JDK HttpServer): the county platform's signed case-status webhook at
 * {@value CaseStatusWebhook#PATH}, the operations REST API under {@code /api/v1/ops/} and the dashboard page at
 * {@code /}. Every request but the webhook must pass the {@link HttpGuard} (known Host, an operator's token, and for
 * changes no foreign origin and a JSON body) before its body is read; every change is logged with who asked.
 */
public final class OpsServer implements AutoCloseable {
    public static final String WEBHOOK = CaseStatusWebhook.PATH;
    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);
    /** An operations request body is a small JSON document. */
    static final int MAX_BODY = 1024 * 1024;
    private static final Set<String> JSON = Set.of("application/json");

    private final HttpServer server;
    private final ExecutorService threads;
    private final ObjectMapper json;
    private final OpsQueries queries;
    private final Deployments deployments;
    private final FleetInventory inventory;
    private final DeployApi deployApi;
    private final RegistryApi registryApi;
    private final CaseStatusWebhook webhook;
    private final HttpGuard guard;
    private final LogThrottle refusals = new LogThrottle(20, Duration.ofMinutes(1), Clock.systemUTC());

    public OpsServer(String host, int port, Transactor transactor, CaseStatusWebhook webhook, Deployments deployments,
                     FleetInventory inventory, GatewayRegistry registry, OpsAccess access, ObjectMapper json) {
        if (access.isEmpty()) {
            throw new IllegalArgumentException("the operations API needs at least one operator's token "
                    + "(--ops-token, WEIR_OPS_TOKEN or --ops-operators); there is none built in");
        }
        this.webhook = webhook;
        this.deployments = deployments;
        this.inventory = inventory;
        this.deployApi = new DeployApi(deployments, inventory, json);
        this.registryApi = new RegistryApi(registry, json);
        this.json = json;
        this.queries = new OpsQueries(transactor);
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("operations HTTP server could not listen on " + host + ":" + port, e);
        }
        Set<String> hosts = new HashSet<>(access.allowedHosts());
        hosts.addAll(ownHosts(server.getAddress().getAddress()));
        this.guard = new HttpGuard(access, hosts);
        threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "weir-ops-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext(WEBHOOK, webhook::handle);
        server.createContext("/api/v1/ops/", this::rest);
        server.createContext("/", this::dashboard);
    }

    /**
     * Adds {@code /healthz} and {@code /readyz} (no token, Host check kept) and {@code /metrics} (the scrape token
     * whose SHA-256 is given, or an operator's token); see {@link ProbeEndpoints}. Call before {@link #start()}.
     */
    public void probes(Supplier<Map<String, String>> readiness, Supplier<String> metrics, String scrapeTokenSha256) {
        ProbeEndpoints probes = new ProbeEndpoints(guard, json, readiness, metrics, scrapeTokenSha256);
        server.createContext("/healthz", probes::live);
        server.createContext("/readyz", probes::ready);
        server.createContext("/metrics", probes::metrics);
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

    /** Webhook calls refused (bad signature, replay, too large, bad body, unknown case). */
    public long webhooksRejected() {
        return webhook.rejected();
    }

    private void rest(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            boolean changes = !method.equals("GET") && !method.equals("HEAD");
            HttpGuard.Verdict verdict = guard.check(exchange, changes, JSON);
            if (!verdict.allowed()) {
                refuse(exchange, verdict);
                return;
            }
            byte[] request;
            try {
                request = BoundedBody.read(exchange, MAX_BODY);
            } catch (BoundedBody.TooLarge e) {
                refuse(exchange, HttpGuard.Verdict.refuse(413, "too-large", e.getMessage()));
                return;
            }
            DeployApi.Answer answer = answer(method, path, exchange.getRequestURI().getRawQuery(), request,
                    verdict.operator());
            if (changes) {
                LOG.info("{} {} by {} from {}: {}", method, path, verdict.operator(), remote(exchange),
                        answer.status() < 400 ? answer.status() : answer.status() + " " + answer.body());
            } else if (answer.status() >= 400) {
                LOG.warn("{} {} by {} refused with {}: {}", method, path, verdict.operator(), answer.status(),
                        answer.body());
            }
            JsonReply.send(exchange, json, answer.status(), answer.body());
        }
    }

    private DeployApi.Answer answer(String method, String path, String query, byte[] request, String operator) {
        if (path.startsWith(DeployApi.PREFIX)) {
            return deployApi.handle(method, path, query, request, operator);
        }
        if (RegistryApi.handles(path)) {
            return registryApi.handle(method, path, query, request, operator);
        }
        if (!method.equals("GET")) {
            return new DeployApi.Answer(405, JsonReply.error("method-not-allowed", "GET only at " + path));
        }
        Object body = switch (path) {
            case "/api/v1/ops/gateways" -> queries.gateways();
            case "/api/v1/ops/readings/latest" -> queries.latestReadings();
            case "/api/v1/ops/alarms/open" -> queries.openAlarms();
            case "/api/v1/ops/cases" -> queries.cases();
            case "/api/v1/ops/followups" -> queries.followUps();
            default -> null;
        };
        return body == null ? new DeployApi.Answer(404, JsonReply.error("not-found", "no resource at " + path))
                : new DeployApi.Answer(200, Map.of("v", 1, "items", body));
    }

    private void dashboard(HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpGuard.Verdict verdict = guard.check(exchange, !exchange.getRequestMethod().equals("GET"), Set.of());
            if (!verdict.allowed()) {
                refuse(exchange, verdict);
                return;
            }
            if (!exchange.getRequestURI().getPath().equals("/")) {
                JsonReply.send(exchange, json, 404, JsonReply.error("not-found", "no resource at "
                        + exchange.getRequestURI().getPath()));
                return;
            }
            byte[] page = Dashboard.render(new Dashboard.Data(queries.gateways(), queries.latestReadings(),
                    queries.openAlarms(), queries.cases(), queries.undeliveredFollowUps(), deployments.rollouts(),
                    inventory.inventory().stream().filter(i -> !i.inSync()).toList()),
                    json).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            // the page has no script and needs none; nobody may frame it
            exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src "
                    + "'unsafe-inline'; frame-ancestors 'none'");
            exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        }
    }

    private void refuse(HttpExchange exchange, HttpGuard.Verdict verdict) throws IOException {
        long left = refusals.admit();
        if (left >= 0) {
            LOG.warn("{} {} from {} refused with {}: {}{}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), remote(exchange), verdict.status(), verdict.detail(),
                    left == 0 ? "" : " (" + left + " more refusals not logged)");
        }
        if (verdict.status() == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", HttpGuard.REALM);
        }
        JsonReply.send(exchange, json, verdict.status(), JsonReply.error(verdict.error(), verdict.detail()));
    }

    private static String remote(HttpExchange exchange) {
        InetSocketAddress address = exchange.getRemoteAddress();
        return address == null ? "?" : address.getAddress().getHostAddress();
    }

    /** The names a request to this address may carry in its Host header. */
    private static Set<String> ownHosts(InetAddress bound) {
        Set<String> hosts = new HashSet<>();
        if (bound.isLoopbackAddress() || bound.isAnyLocalAddress()) {
            hosts.addAll(Set.of("localhost", "127.0.0.1", "::1", "0:0:0:0:0:0:0:1"));
        }
        if (bound.isAnyLocalAddress()) {
            try {
                for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                        hosts.add(address.getHostAddress().replaceAll("%.*", "").toLowerCase());
                    }
                }
            } catch (SocketException e) {
                LOG.warn("Cannot list this machine's addresses ({}); name them with --http-allowed-host", e.toString());
            }
        } else {
            hosts.add(bound.getHostAddress().toLowerCase());
        }
        return hosts;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
