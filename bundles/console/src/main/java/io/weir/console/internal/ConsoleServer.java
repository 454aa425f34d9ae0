package io.weir.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.weir.api.security.LogThrottle;

/**
 * The console's HTTP side, plain Java: the JDK's server (no web container to carry on a Raspberry Pi) in front of
 * {@link LocalApi}, letting through only what the {@link RequestGuard} lets in. When its port is taken it says so
 * and tries again every {@code retry}: acquisition, alarms and the uplink never depend on the console.
 */
final class ConsoleServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    private static final int MAX_BODY = 64 * 1024;

    private final ConsoleOptions options;
    private final LocalApi api;
    private final Credentials credentials;
    private final ExecutorService workers;
    private final ScheduledExecutorService binder;
    private final LogThrottle refusals;
    private volatile HttpServer server; // null while the port could not be bound
    private volatile String bindError;
    private boolean closed; // guarded by this

    ConsoleServer(ConsoleOptions options, LocalApi api, Clock clock) {
        this.options = options;
        this.api = api;
        this.credentials = new Credentials(options.tokenFile(), LOG::warn);
        this.refusals = new LogThrottle(clock, Duration.ofSeconds(10));
        this.workers = Executors.newFixedThreadPool(2, r -> daemon(r, "weir-console-http"));
        this.binder = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "weir-console-bind"));
    }

    /** Binds now, on the caller's thread; a port that is taken is tried again later on a thread of its own. */
    ConsoleServer start() {
        credentials.problem().ifPresent(problem -> LOG.error("local console: {}; every request is refused",
                problem));
        listen();
        return this;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private synchronized void listen() {
        if (closed) {
            return;
        }
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 16);
        } catch (IOException e) {
            bindError = "cannot listen on " + options.host() + ":" + options.port() + " (" + e.getMessage() + ")";
            LOG.error("local console not started: {}; trying again in {} s (console.port in the site file)",
                    bindError, options.retry().toSeconds());
            binder.schedule(this::listen, options.retry().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        InetAddress bound = http.getAddress().getAddress();
        RequestGuard guard = new RequestGuard(credentials, RequestGuard.hostsFor(bound, options.allowedHosts()));
        http.createContext("/api/", exchange -> serve(exchange, guard));
        // the station page's own files need no token: the page asks for it and sends it with every /api/ request
        http.createContext("/", new StaticAssets());
        http.setExecutor(workers);
        http.start();
        server = http;
        bindError = null;
        LOG.info("local console on http://{}:{}/api/, station page http://{}:{}/ (tokens in {})", options.host(),
                http.getAddress().getPort(), options.host(), http.getAddress().getPort(), options.tokenFile());
    }

    private void serve(HttpExchange exchange, RequestGuard guard) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            RequestGuard.Verdict verdict = guard.check(method, exchange.getRequestHeaders()::getFirst);
            String from = exchange.getRemoteAddress().getAddress().getHostAddress();
            LocalApi.Response response;
            if (!verdict.ok()) {
                refusals.permit().ifPresent(held -> LOG.warn("local console refused {} {} from {}: {}{}", method,
                        RequestGuard.printable(path), from, verdict.refusal(), LogThrottle.heldBack(held)));
                response = api.error(verdict.status(), verdict.refusal());
                if (verdict.status() == 401) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"weir\"");
                }
            } else {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readNBytes(MAX_BODY + 1);
                }
                response = body.length > MAX_BODY ? api.error(413, "request body over 64 KiB")
                        : api.handle(method, path, "'" + verdict.who() + "' from " + from, body, from);
            }
            byte[] bytes = response.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.sendResponseHeaders(response.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The port the console listens on; 0 while it could not bind. */
    int port() {
        HttpServer http = server;
        return http == null ? 0 : http.getAddress().getPort();
    }

    /** Where the API answers ({@code http://host:port/api/}), or empty while the console could not bind. */
    Optional<String> url() {
        int bound = port();
        return bound == 0 ? Optional.empty() : Optional.of("http://" + options.host() + ":" + bound + "/api/");
    }

    /** Why the console is not listening, or empty when it is. */
    Optional<String> bindError() {
        return Optional.ofNullable(bindError);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        binder.shutdownNow();
        HttpServer http = server;
        if (http != null) {
            http.stop(0);
        }
        workers.shutdownNow();
    }
}
