package io.weir.cloud.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Answers of the adapter's HTTP server: JSON bodies, errors as {@code {"error":..,"detail":..}}. */
final class JsonReply {
    private JsonReply() {
    }

    static Map<String, Object> error(String error, String detail) {
        return Map.of("error", error, "detail", detail);
    }

    static void send(HttpExchange exchange, ObjectMapper json, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
