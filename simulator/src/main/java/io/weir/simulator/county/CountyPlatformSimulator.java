package io.weir.simulator.county;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * The county case platform (一网统管) of docs/protocol.md, over HTTP and JSON: signed {@code POST /api/v1/cases}
 * opens a case, idempotently per key; signed {@code GET /api/v1/cases} lists them; {@code GET /} shows them to
 * people.
 */
public final class CountyPlatformSimulator implements AutoCloseable {
    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    /** A county platform in China numbers its cases by its own day. */
    public static final ZoneId PLATFORM_ZONE = ZoneId.of("Asia/Shanghai");

    private static final Logger LOG = LoggerFactory.getLogger(CountyPlatformSimulator.class);
    private static final int HANDLER_THREADS = 4;

    private final HttpServer server;
    private final ExecutorService handlers;
    private final CaseRegistry registry;
    private final WebhookSender webhooks;
    private final java.util.concurrent.ScheduledExecutorService webhookThread;
    private final AtomicBoolean available;
    private final AtomicInteger rejected;
    private final URI baseUri;

    private CountyPlatformSimulator(HttpServer server, ExecutorService handlers, CaseRegistry registry,
            WebhookSender webhooks, java.util.concurrent.ScheduledExecutorService webhookThread,
            AtomicBoolean available, AtomicInteger rejected, String host) {
        this.server = server;
        this.handlers = handlers;
        this.registry = registry;
        this.webhooks = webhooks;
        this.webhookThread = webhookThread;
        this.available = available;
        this.rejected = rejected;
        this.baseUri = URI.create("http://" + uriHost(host) + ":" + server.getAddress().getPort() + "/");
    }

    /** Starts the platform on the system clock in {@link #PLATFORM_ZONE}; port 0 picks a free port. */
    /**
     * Turns Nagle's algorithm off for the JDK HTTP server's connections. With it on, the tail of a response waits for
     * the client's delayed ACK (up to 40 ms on Linux), which dominated the alarm-to-case latency measured against
     * this simulator. The JDK server has no per-server or per-socket option for it: the only switch is the system
     * property {@code sun.net.httpserver.nodelay}, read once when the server's configuration class loads (so it must
     * be set before the first HttpServer of the JVM is created, and is JVM-wide). Hence a global property from
     * library code, set only when nobody has set it: an explicit {@code -Dsun.net.httpserver.nodelay=false} wins.
     */
    private static void disableNagleUnlessConfigured() {
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
    }

    public static CountyPlatformSimulator start(String host, int port, String appKey, String appSecret) {
        return start(host, port, appKey, appSecret, Clock.system(PLATFORM_ZONE));
    }

    /**
     * Starts the platform on {@code clock}, which dates cases, checks timestamp skew and, through its zone, numbers
     * cases per day and shows times on the page.
     */
    public static CountyPlatformSimulator start(String host, int port, String appKey, String appSecret,
            Clock clock) {
        return start(host, port, appKey, appSecret, clock, SigningScheme.HMAC_SHA256);
    }

    /** As {@link #start(String, int, String, String, Clock)}, verifying (and signing webhooks) with {@code scheme}. */
    public static CountyPlatformSimulator start(String host, int port, String appKey, String appSecret,
            Clock clock, SigningScheme scheme) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clock, "clock");
        if (appKey == null || appKey.isBlank() || appSecret == null || appSecret.isEmpty()) {
            throw new IllegalArgumentException("appKey and appSecret are required");
        }
        ObjectMapper json = new ObjectMapper();
        java.util.concurrent.ScheduledExecutorService webhookThread =
                Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "county-platform-webhook");
                    thread.setDaemon(true);
                    return thread;
                });
        WebhookSender webhooks = new WebhookSender(appKey, appSecret, scheme, clock, json, webhookThread);
        CaseRegistry registry = new CaseRegistry(clock, webhooks::statusChanged);
        AtomicBoolean available = new AtomicBoolean(true);
        AtomicInteger rejected = new AtomicInteger();
        HttpReplies replies = new HttpReplies(json);
        CasesApi api = new CasesApi(new RequestSignatureVerifier(appKey, appSecret, scheme, clock),
                new CaseReportParser(json), registry, new CaseJson(json), replies, available, rejected);

        disableNagleUnlessConfigured();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("county platform could not listen on " + host + ":" + port, e);
        }
        ExecutorService handlers = Executors.newFixedThreadPool(HANDLER_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "county-platform-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        server.createContext(CasesApi.PATH, api);
        server.createContext("/", new CasesPage(registry, available, clock));
        server.start();
        CountyPlatformSimulator platform =
                new CountyPlatformSimulator(server, handlers, registry, webhooks, webhookThread, available, rejected,
                        host);
        LOG.info("county case platform listening on {} (app key {})", platform.baseUri(), appKey);
        return platform;
    }

    /** Where the platform answers, such as {@code http://127.0.0.1:8088/}; the API is under {@code api/v1/}. */
    public URI baseUri() {
        return baseUri;
    }

    /** The cases opened so far, oldest first; an immutable snapshot. */
    public List<CountyCase> cases() {
        return registry.snapshot();
    }

    /** The follow-ups (updates, notes, close requests) accepted so far, oldest first. */
    public List<CaseActivity> activities() {
        return registry.activities();
    }

    /**
     * Where the platform reports case status changes (REGISTERED, DISPATCHED, HANDLED, CLOSED): a signed POST per
     * change, see docs/protocol.md. Null stops the reports.
     */
    public void registerWebhook(URI webhook) {
        webhooks.register(webhook);
    }

    /** How many status reports the webhook acknowledged with a 2xx. */
    public int webhooksDelivered() {
        return webhooks.delivered();
    }

    /**
     * Moves a case on, as the platform's staff would (DISPATCHED, HANDLED, CLOSED), and reports it to the webhook.
     *
     * @throws IllegalArgumentException for an unknown case
     */
    public CountyCase advance(String caseId, String status) {
        CountyCase after = registry.advance(caseId, status);
        if (after == null) {
            throw new IllegalArgumentException("no case " + caseId);
        }
        return after;
    }

    /**
     * How many API requests the platform refused as the client's fault (4xx: bad signature, bad body, unknown path
     * or method). Answers of 503 while unavailable are not counted: the request was not at fault.
     */
    public int requestsRejected() {
        return rejected.get();
    }

    /** While false, every API request is answered {@code 503} with {@code Retry-After}, as in an outage. */
    public void setAvailable(boolean available) {
        boolean was = this.available.getAndSet(available);
        if (was != available) {
            LOG.info("county case platform is now {}", available ? "available" : "unavailable (503)");
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        webhookThread.shutdownNow();
        LOG.info("county case platform on {} stopped", baseUri);
    }

    private static String uriHost(String host) {
        if (host.isEmpty() || host.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (host.equals("::")) {
            return "[::1]";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
