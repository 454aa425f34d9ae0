package io.weir.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The adapter's operations REST API as an operator calls it: the token on every request, JSON bodies. An answer of
 * 400 or more becomes an {@link OpsException} with the adapter's own detail.
 */
final class AdapterClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String token;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    AdapterClient(URI base, String token) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    ObjectMapper json() {
        return json;
    }

    JsonNode get(String path) {
        return call("GET", path, null);
    }

    JsonNode post(String path, Object body) {
        return call("POST", path, body);
    }

    JsonNode put(String path, Object body) {
        return call("PUT", path, body);
    }

    JsonNode delete(String path) {
        return call("DELETE", path, null);
    }

    private JsonNode call(String method, String path, Object body) {
        URI uri = base.resolve(path.startsWith("/") ? path.substring(1) : path);
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                    .method(method, publisher);
            if (!method.equals("GET")) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode answer = response.body().length == 0 ? json.createObjectNode() : readOrText(response.body());
            if (response.statusCode() >= 400) {
                String detail = answer.path("detail").asText(answer.path("error").asText(answer.toString()));
                throw new OpsException(method + " " + uri.getPath() + ": " + response.statusCode() + " " + detail);
            }
            return answer;
        } catch (ConnectException e) {
            throw new OpsException("cannot reach the adapter at " + base + " (is it running? --adapter or "
                    + "WEIR_ADAPTER_URL)", e);
        } catch (IOException e) {
            throw new OpsException(method + " " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsException("interrupted", e);
        }
    }

    private JsonNode readOrText(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return json.getNodeFactory().textNode(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
