package io.weir.simulator.county;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Tells the registered webhook about every case status (REGISTERED, DISPATCHED, HANDLED, CLOSED): a signed
 * {@code POST} in the platform's signing scheme, with the platform's own app key and secret, retried with doubling
 * pauses until a 2xx answer or {@value #ATTEMPTS} attempts.
 */
final class WebhookSender {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    private static final int ATTEMPTS = 6;
    private static final long FIRST_PAUSE_MS = 200;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SecureRandom random = new SecureRandom();
    private final AtomicReference<URI> target = new AtomicReference<>();
    private final AtomicInteger delivered = new AtomicInteger();
    private final String appKey;
    private final String appSecret;
    private final SigningScheme scheme;
    private final Clock clock;
    private final ObjectMapper json;
    private final ScheduledExecutorService executor;

    WebhookSender(String appKey, String appSecret, SigningScheme scheme, Clock clock, ObjectMapper json,
            ScheduledExecutorService executor) {
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.scheme = scheme;
        this.clock = clock;
        this.json = json;
        this.executor = executor;
    }

    void register(URI webhook) {
        target.set(webhook);
    }

    int delivered() {
        return delivered.get();
    }

    void statusChanged(CountyCase countyCase) {
        URI uri = target.get();
        if (uri == null) {
            return;
        }
        ObjectNode body = json.createObjectNode();
        body.put("v", 1);
        body.put("eventId", countyCase.caseId() + ":" + countyCase.status());
        body.put("caseId", countyCase.caseId());
        body.put("idempotencyKey", countyCase.idempotencyKey());
        body.put("status", countyCase.status());
        body.put("changedAt", clock.instant().toString());
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        executor.execute(() -> attempt(uri, bytes, countyCase, 1));
    }

    private void attempt(URI uri, byte[] body, CountyCase countyCase, int attempt) {
        String timestamp = Long.toString(clock.millis());
        byte[] nonceBytes = new byte[16];
        random.nextBytes(nonceBytes);
        String nonce = HexFormat.of().formatHex(nonceBytes);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .header(RequestSignatureVerifier.APP_KEY, appKey)
                .header(RequestSignatureVerifier.TIMESTAMP, timestamp)
                .header(RequestSignatureVerifier.NONCE, nonce)
                .header(RequestSignatureVerifier.SIGNATURE,
                        scheme.signature(appSecret, "POST", path, appKey, timestamp, nonce, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        String outcome;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                delivered.incrementAndGet();
                LOG.info("webhook {} {} delivered to {}", countyCase.caseId(), countyCase.status(), uri);
                return;
            }
            outcome = "HTTP " + response.statusCode() + " " + response.body();
        } catch (java.io.IOException e) {
            outcome = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (attempt >= ATTEMPTS) {
            LOG.error("webhook {} {} to {} given up after {} attempts: {}", countyCase.caseId(), countyCase.status(),
                    uri, attempt, outcome);
            return;
        }
        long pause = FIRST_PAUSE_MS << (attempt - 1);
        LOG.warn("webhook {} {} to {} failed ({}); again in {} ms", countyCase.caseId(), countyCase.status(), uri,
                outcome, pause);
        try {
            executor.schedule(() -> attempt(uri, body, countyCase, attempt + 1), pause, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("platform stopped; webhook not retried");
        }
    }
}
