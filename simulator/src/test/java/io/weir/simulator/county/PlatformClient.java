package io.weir.simulator.county;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A test's HTTP client for the platform: signs by default, and lets a test spoil one part of a request. */
final class PlatformClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI base;
    private final RequestSigner signer;
    private final Clock clock;

    PlatformClient(URI base, RequestSigner signer, Clock clock) {
        this.base = base;
        this.signer = signer;
        this.clock = clock;
    }

    Reply postCase(String body) throws IOException, InterruptedException {
        return send("POST", "/api/v1/cases", body, freshNonce(), clock.millis(), UnaryOperator.identity());
    }

    Reply listCases() throws IOException, InterruptedException {
        return send("GET", "/api/v1/cases", "", freshNonce(), clock.millis(), UnaryOperator.identity());
    }

    /** Sends a request signed with this client's signer, then lets {@code tamper} change it before it leaves. */
    Reply send(String method, String path, String body, String nonce, long timestamp,
            UnaryOperator<HttpRequest.Builder> tamper) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        signer.sign(request, method, path, timestamp, nonce, body);
        return reply(http.send(tamper.apply(request).build(), HttpResponse.BodyHandlers.ofString()));
    }

    Reply sendUnsigned(HttpRequest.Builder request) throws IOException, InterruptedException {
        return reply(http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    URI base() {
        return base;
    }

    static String freshNonce() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private Reply reply(HttpResponse<String> response) throws IOException {
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        JsonNode body = contentType.startsWith("application/json") ? json.readTree(response.body()) : null;
        return new Reply(response.statusCode(), body, response.body(), response);
    }

    record Reply(int status, JsonNode json, String text, HttpResponse<String> response) {

        String error() {
            return json.path("error").asText();
        }

        String detail() {
            return json.path("detail").asText();
        }
    }
}
