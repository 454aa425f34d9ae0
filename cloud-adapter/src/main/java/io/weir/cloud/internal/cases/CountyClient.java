package io.weir.cloud.internal.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.cloud.sign.RequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Opens cases on the county platform over signed HTTP + JSON and classifies the answer. */
public final class CountyClient {
    static final String CASES_PATH = "/api/v1/cases";
    private static final int SNIPPET = 200;

    private final HttpClient http;
    private final URI casesUri;
    private final RequestSigner signer;
    private final Duration timeout;
    private final ObjectMapper json;

    public CountyClient(HttpClient http, URI baseUri, RequestSigner signer, Duration timeout, ObjectMapper json) {
        this.http = http;
        String base = baseUri.toString();
        this.casesUri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + CASES_PATH);
        this.signer = signer;
        this.timeout = timeout;
        this.json = json;
    }

    public SendResult openCase(byte[] body) {
        return post(casesUri, body);
    }

    /** {@code kind} UPDATE, NOTE or CLOSE: POST to {@code /api/v1/cases/{caseId}/updates|notes|close-requests}. */
    public SendResult followUp(String caseId, String kind, byte[] body) {
        String action = switch (kind) {
            case "UPDATE" -> "updates";
            case "NOTE" -> "notes";
            case "CLOSE" -> "close-requests";
            default -> throw new IllegalArgumentException("unknown follow-up " + kind);
        };
        return post(URI.create(casesUri + "/" + java.net.URLEncoder.encode(caseId,
                StandardCharsets.UTF_8) + "/" + action), body);
    }

    private SendResult post(URI uri, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signer.sign("POST", uri.getRawPath(), body).forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return classify(response);
        } catch (IOException e) {
            return new SendResult.Retry("request to " + uri + " failed: " + describe(e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Retry("interrupted while sending", null);
        }
    }

    private SendResult classify(HttpResponse<String> response) {
        int status = response.statusCode();
        String summary = "HTTP " + status + ": " + snippet(response.body());
        if (status == 200 || status == 201) {
            String caseId = caseId(response.body());
            return caseId != null
                    ? new SendResult.Opened(caseId, status == 201)
                    : new SendResult.Retry(summary + " (no caseId in the answer)", null);
        }
        if (status == 429 || status >= 500) {
            return new SendResult.Retry(summary, retryAfter(response));
        }
        return new SendResult.Refused(summary);
    }

    private String caseId(String body) {
        try {
            JsonNode caseId = json.readTree(body).path("caseId");
            return caseId.isTextual() && !caseId.asText().isEmpty() ? caseId.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
                .filter(v -> v.matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v)))
                .orElse(null);
    }

    private static String snippet(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return flat.length() <= SNIPPET ? flat : flat.substring(0, SNIPPET) + "...";
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getClass().getSimpleName() + " " + e.getMessage()
                : e.getClass().getSimpleName();
    }
}
