package io.weir.metrics.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.weir.metrics.Exposition;

/**
 * The scrape endpoint on the JDK's own HTTP server (as the local console), one thread: {@code GET /metrics}, with a
 * bearer token when one is configured. Nothing else is served.
 */
final class MetricsServer implements AutoCloseable {

    static final String PATH = "/metrics";

    private final HttpServer server;
    private final ExecutorService thread;
    private final byte[] token;
    private final Supplier<String> scrape;

    MetricsServer(MetricsOptions options, Supplier<String> scrape) throws IOException {
        this.scrape = scrape;
        this.token = options.token().isEmpty() ? null : ("Bearer " + options.token()).getBytes(StandardCharsets.UTF_8);
        this.server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 8);
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "weir-metrics-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(thread);
        server.createContext("/", this::handle);
        server.start();
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                reply(exchange, 404, "no resource here; metrics are at " + PATH + "\n", "text/plain; charset=utf-8");
            } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                reply(exchange, 405, "GET only\n", "text/plain; charset=utf-8");
            } else if (!authorised(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"weir-metrics\"");
                reply(exchange, 401, "a bearer token is needed\n", "text/plain; charset=utf-8");
            } else {
                reply(exchange, 200, scrape.get(), Exposition.CONTENT_TYPE);
            }
        }
    }

    private boolean authorised(String header) {
        // constant-time: a scrape must not leak the token a byte at a time
        return token == null || header != null
                && MessageDigest.isEqual(token, header.strip().getBytes(StandardCharsets.UTF_8));
    }

    private static void reply(HttpExchange exchange, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
