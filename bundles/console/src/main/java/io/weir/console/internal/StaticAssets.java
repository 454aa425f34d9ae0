package io.weir.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The station page's files (HTML, script, style, icon), all inside the bundle: a technician's phone on a station
 * network has no internet, so nothing comes from a CDN. Served without a credential: they hold no data; the page
 * asks for the console's credential and sends it with every API request. The policy headers let the page load only
 * its own files and talk only to this gateway.
 */
final class StaticAssets implements HttpHandler {

    /** Every file of the page, by the path it is asked for. */
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/station/app.js", "app.js",
            "/station/i18n.js", "i18n.js",
            "/station/app.css", "app.css",
            "/station/icon.svg", "icon.svg");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Map<String, byte[]> content;

    StaticAssets() {
        var loaded = new java.util.HashMap<String, byte[]>();
        for (String name : Map.copyOf(FILES).values()) {
            loaded.putIfAbsent(name, load(name));
        }
        this.content = Map.copyOf(loaded);
    }

    private static byte[] load(String name) {
        try (InputStream in = StaticAssets.class.getResourceAsStream("/station/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the console bundle lacks station/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read station/" + name + " from the console bundle", e);
        }
    }

    /** The file at {@code path}, or null. */
    byte[] file(String path) {
        String name = FILES.get(path);
        return name == null ? null : content.get(name);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().close();
            String path = exchange.getRequestURI().getPath();
            String name = FILES.get(path);
            var headers = exchange.getResponseHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Content-Security-Policy", POLICY);
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (name == null) {
                byte[] missing = "not found".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                headers.set("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(404, missing.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(missing);
                }
                return;
            }
            byte[] body = content.get(name);
            headers.set("Content-Type", TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
            // a gateway updated with a new console serves the new page at once
            headers.set("Cache-Control", "no-cache");
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
