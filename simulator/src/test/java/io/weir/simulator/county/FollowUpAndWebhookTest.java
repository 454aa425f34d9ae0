package io.weir.simulator.county;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.weir.testing.Patience;

/** Case follow-ups (update, note, close request), signed status webhooks, and the sorted-parameter MD5 scheme. */
class FollowUpAndWebhookTest {
    private static final String KEY = "weir-demo";
    private static final String SECRET = "s3cret-for-tests";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final CaseBodies bodies = new CaseBodies();
    private CountyPlatformSimulator platform;
    private HttpServer receiver;

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private HttpResponse<String> post(SigningScheme scheme, String path, String body) throws Exception {
        String timestamp = Long.toString(System.currentTimeMillis());
        String nonce = UUID.randomUUID().toString().replace("-", "");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(platform.baseUri().resolve(path))
                .header("X-App-Key", KEY).header("X-Timestamp", timestamp).header("X-Nonce", nonce)
                .header("X-Signature", scheme.signature(SECRET, "POST", path, KEY, timestamp, nonce, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String open(SigningScheme scheme) throws Exception {
        HttpResponse<String> reply = post(scheme, "/api/v1/cases", bodies.text(bodies.example("gw-1:river:1")));
        assertThat(reply.statusCode()).isEqualTo(201);
        return json.readTree(reply.body()).path("caseId").asText();
    }

    @Test
    void followUpsApplyOncePerKeyAndACloseRequestClosesTheCase() throws Exception {
        platform = CountyPlatformSimulator.start("127.0.0.1", 0, KEY, SECRET);
        String caseId = open(SigningScheme.HMAC_SHA256);
        String update = "{\"v\":1,\"idempotencyKey\":\"gw-1:river:1#2/UPDATE\",\"title\":\"River level RED\","
                + "\"description\":\"escalated to RED\",\"urgency\":\"URGENT\",\"updatedAt\":\"2026-11-21T08:02:00Z\"}";

        HttpResponse<String> first = post(SigningScheme.HMAC_SHA256, "/api/v1/cases/" + caseId + "/updates", update);
        HttpResponse<String> again = post(SigningScheme.HMAC_SHA256, "/api/v1/cases/" + caseId + "/updates", update);
        HttpResponse<String> note = post(SigningScheme.HMAC_SHA256, "/api/v1/cases/" + caseId + "/notes",
                "{\"v\":1,\"idempotencyKey\":\"gw-1:river:1#3/NOTE\",\"note\":\"back below 3.5 m\","
                        + "\"notedAt\":\"2026-11-21T08:03:00Z\"}");
        HttpResponse<String> close = post(SigningScheme.HMAC_SHA256, "/api/v1/cases/" + caseId + "/close-requests",
                "{\"v\":1,\"idempotencyKey\":\"gw-1:river:1#3/CLOSE\",\"reason\":\"recovered\","
                        + "\"requestedAt\":\"2026-11-21T08:03:00Z\"}");
        HttpResponse<String> unknown = post(SigningScheme.HMAC_SHA256, "/api/v1/cases/C1-0009/notes",
                "{\"v\":1,\"idempotencyKey\":\"k\",\"note\":\"n\",\"notedAt\":\"2026-11-21T08:03:00Z\"}");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json.readTree(first.body()).path("applied").asBoolean()).isTrue();
        assertThat(json.readTree(again.body()).path("applied").asBoolean()).isFalse();
        assertThat(note.statusCode()).isEqualTo(200);
        assertThat(json.readTree(close.body()).path("status").asText()).isEqualTo("CLOSED");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(platform.activities()).extracting(CaseActivity::kind)
                .containsExactly("UPDATE", "NOTE", "CLOSE_REQUEST");
        assertThat(platform.cases()).singleElement().satisfies(c -> {
            assertThat(c.urgency()).isEqualTo("URGENT");
            assertThat(c.title()).isEqualTo("River level RED");
            assertThat(c.status()).isEqualTo("CLOSED");
        });
    }

    @Test
    void everyStatusIsReportedToTheWebhookSigned() throws Exception {
        platform = CountyPlatformSimulator.start("127.0.0.1", 0, KEY, SECRET);
        List<String> bodiesSeen = new CopyOnWriteArrayList<>();
        RequestSignatureVerifier verifier = new RequestSignatureVerifier(KEY, SECRET, Clock.systemUTC());
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks/county", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = 200;
            try {
                verifier.verify("POST", exchange.getRequestURI().getPath(), exchange.getRequestHeaders()::getFirst,
                        body);
                bodiesSeen.add(new String(body, StandardCharsets.UTF_8));
            } catch (Rejection e) {
                status = 401;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        platform.registerWebhook(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/county"));

        String caseId = open(SigningScheme.HMAC_SHA256);
        platform.advance(caseId, CountyCase.DISPATCHED);
        platform.advance(caseId, CountyCase.HANDLED);

        await().atMost(Patience.LOCAL).untilAsserted(() -> assertThat(bodiesSeen).hasSize(3));
        List<JsonNode> events = bodiesSeen.stream().map(b -> {
            try {
                return json.readTree(b);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(events).extracting(e -> e.path("status").asText())
                .containsExactly("REGISTERED", "DISPATCHED", "HANDLED");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.path("caseId").asText()).isEqualTo(caseId);
            assertThat(e.path("idempotencyKey").asText()).isEqualTo("gw-1:river:1");
            assertThat(e.path("eventId").asText()).isEqualTo(caseId + ":" + e.path("status").asText());
        });
        assertThat(platform.webhooksDelivered()).isEqualTo(3);
    }

    @Test
    void aPlatformOnTheMd5SchemeAcceptsItAndRefusesHmac() throws Exception {
        platform = CountyPlatformSimulator.start("127.0.0.1", 0, KEY, SECRET, Clock.systemUTC(),
                SigningScheme.SORTED_MD5);

        HttpResponse<String> hmac = post(SigningScheme.HMAC_SHA256, "/api/v1/cases",
                bodies.text(bodies.example("k")));
        String caseId = open(SigningScheme.SORTED_MD5);

        assertThat(hmac.statusCode()).isEqualTo(401);
        assertThat(hmac.body()).contains("sortedParameters appKey=weir-demo&bodyMd5=");
        assertThat(caseId).startsWith("C");
    }

    @Test
    void theMd5SignatureIsOverTheSortedParametersAndTheSecret() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(SigningScheme.sortedParameters("POST", "/api/v1/cases", "k", "1700000000000", "n", body))
                .isEqualTo("appKey=k&bodyMd5=99914b932bd37a50b983c5e7c90ae93b&method=POST&nonce=n"
                        + "&path=/api/v1/cases&timestamp=1700000000000");
        // MD5("appKey=k&...&timestamp=1700000000000" + "s"), computed independently with md5sum
        assertThat(SigningScheme.SORTED_MD5.signature("s", "POST", "/api/v1/cases", "k", "1700000000000", "n", body))
                .isEqualTo("316901A28F683BBD25FDA5EF4A79C1AA");
    }
}
