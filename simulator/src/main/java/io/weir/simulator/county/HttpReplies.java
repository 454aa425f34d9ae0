package io.weir.simulator.county;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/** Reading requests and writing JSON and HTML replies on the JDK HTTP server. */
final class HttpReplies {

    private final ObjectMapper json;

    HttpReplies(ObjectMapper json) {
        this.json = json;
    }

    static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", json.writeValueAsBytes(body));
    }

    void error(HttpExchange exchange, int status, String error, String detail) throws IOException {
        json(exchange, status, errorBody(error, detail));
    }

    void rejection(HttpExchange exchange, Rejection rejection) throws IOException {
        ObjectNode body = errorBody(rejection.error(), rejection.detail());
        if (rejection.field() != null) {
            body.put("field", rejection.field());
        }
        json(exchange, rejection.status(), body);
    }

    static void html(HttpExchange exchange, int status, String page) throws IOException {
        send(exchange, status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    private ObjectNode errorBody(String error, String detail) {
        ObjectNode body = json.createObjectNode();
        body.put("error", error);
        body.put("detail", detail);
        return body;
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
