package io.weir.cloud.internal.cases;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP server on an ephemeral loopback port that answers case requests from a script. */
final class ScriptedPlatform implements AutoCloseable {

    record Answer(int status, String body, Map<String, String> headers) {
    }

    record Received(String method, String path, String body, Map<String, List<String>> headers) {
    }

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    ScriptedPlatform() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    new String(body, StandardCharsets.UTF_8), Map.copyOf(exchange.getRequestHeaders())));
            Answer answer;
            synchronized (script) {
                answer = script.isEmpty() ? new Answer(500, "{\"error\":\"no scripted answer\"}", Map.of())
                        : script.poll();
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), out.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(out);
            }
        });
        server.start();
    }

    void answer(int status, String body) {
        answer(status, body, Map.of());
    }

    void answer(int status, String body, Map<String, String> headers) {
        synchronized (script) {
            script.add(new Answer(status, body, headers));
        }
    }

    List<Received> received() {
        return received;
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
