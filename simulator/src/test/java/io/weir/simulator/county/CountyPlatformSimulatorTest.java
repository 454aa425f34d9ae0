package io.weir.simulator.county;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.weir.testing.TestClock;

class CountyPlatformSimulatorTest {

    private static final String APP_KEY = "weir-demo";
    private static final String APP_SECRET = "s3cret-for-tests";
    // 08:30 in Shanghai on 21 November 2026.
    private static final Instant NOW = Instant.parse("2026-11-21T00:30:00Z");

    private final TestClock clock = new TestClock(NOW, CountyPlatformSimulator.PLATFORM_ZONE);
    private final CaseBodies bodies = new CaseBodies();
    private CountyPlatformSimulator platform;
    private PlatformClient client;

    @BeforeEach
    void start() {
        platform = CountyPlatformSimulator.start("127.0.0.1", 0, APP_KEY, APP_SECRET, clock);
        client = new PlatformClient(platform.baseUri(), new RequestSigner(APP_KEY, APP_SECRET), clock);
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void baseUriNamesTheEphemeralPort() {
        assertThat(platform.baseUri().toString()).matches("http://127\\.0\\.0\\.1:\\d+/");
        assertThat(platform.baseUri().getPort()).isPositive();
    }

    @Test
    void validSignedRequestOpensACase() throws Exception {
        PlatformClient.Reply reply = client.postCase(bodies.text(bodies.example("gw-yx-001:river-level:1")));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("caseId").asText()).isEqualTo("C20261121-0001");
        assertThat(reply.json().path("status").asText()).isEqualTo("REGISTERED");
        assertThat(reply.json().path("created").asBoolean()).isTrue();

        assertThat(platform.cases()).containsExactly(new CountyCase("C20261121-0001", "gw-yx-001:river-level:1",
                "EVENT", "04", "0401", "River level YELLOW at Yuxi River Station",
                "water_level 3.52 m reached 3.50 m (YELLOW)", "URGENT", 120.1551, 30.2741,
                "Yuxi River Station (62001200)", "water-resources", 2, Instant.parse("2026-11-21T08:00:00Z"), NOW,
                "REGISTERED"));
        assertThat(platform.requestsRejected()).isZero();
    }

    @Test
    void repeatedIdempotencyKeyReturnsTheSameCase() throws Exception {
        String body = bodies.text(bodies.example("gw-yx-001:river-level:1"));
        PlatformClient.Reply first = client.postCase(body);
        PlatformClient.Reply second = client.postCase(body);

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("caseId").asText()).isEqualTo(first.json().path("caseId").asText());
        assertThat(second.json().path("created").asBoolean()).isFalse();
        assertThat(platform.cases()).hasSize(1);
    }

    @Test
    void caseIdsCountPerDayOfThePlatformZone() throws Exception {
        client.postCase(bodies.text(bodies.example("a")));
        PlatformClient.Reply second = client.postCase(bodies.text(bodies.example("b")));
        clock.advance(Duration.ofHours(16));
        PlatformClient.Reply nextDay = client.postCase(bodies.text(bodies.example("c")));

        assertThat(second.json().path("caseId").asText()).isEqualTo("C20261121-0002");
        assertThat(nextDay.json().path("caseId").asText()).isEqualTo("C20261122-0001");
    }

    @Test
    void wrongSecretIsRefused() throws Exception {
        PlatformClient impostor = new PlatformClient(platform.baseUri(), new RequestSigner(APP_KEY, "guessed"), clock);

        PlatformClient.Reply reply = impostor.postCase(bodies.text(bodies.example("k")));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error()).isEqualTo("bad-signature");
        assertThat(reply.detail()).contains("X-Signature").contains("POST\\n/api/v1/cases\\nweir-demo");
        assertThat(platform.cases()).isEmpty();
        assertThat(platform.requestsRejected()).isEqualTo(1);
    }

    @Test
    void bodyChangedAfterSigningIsRefused() throws Exception {
        String signed = bodies.text(bodies.example("k"));
        String changed = signed.replace("YELLOW", "RED");
        PlatformClient.Reply reply = client.send("POST", "/api/v1/cases", signed, PlatformClient.freshNonce(),
                clock.millis(), request -> request.method("POST", HttpRequest.BodyPublishers.ofString(changed)));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error()).isEqualTo("bad-signature");
    }

    @Test
    void unknownAppKeyIsRefused() throws Exception {
        PlatformClient stranger = new PlatformClient(platform.baseUri(), new RequestSigner("other", APP_SECRET), clock);

        PlatformClient.Reply reply = stranger.postCase(bodies.text(bodies.example("k")));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error()).isEqualTo("unknown-app-key");
        assertThat(reply.detail()).contains("other");
    }

    @ParameterizedTest
    @ValueSource(longs = {-301, 301})
    void timestampMoreThanFiveMinutesOffIsRefused(long skewSeconds) throws Exception {
        long timestamp = clock.millis() + skewSeconds * 1000;
        PlatformClient.Reply reply = client.send("POST", "/api/v1/cases", bodies.text(bodies.example("k")),
                PlatformClient.freshNonce(), timestamp, UnaryOperator.identity());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error()).isEqualTo("stale-timestamp");
        assertThat(reply.detail()).contains("X-Timestamp").contains("301 s").contains("300 s");
    }

    @Test
    void timestampJustInsideTheWindowIsAccepted() throws Exception {
        PlatformClient.Reply reply = client.send("POST", "/api/v1/cases", bodies.text(bodies.example("k")),
                PlatformClient.freshNonce(), clock.millis() - 300_000, UnaryOperator.identity());

        assertThat(reply.status()).isEqualTo(201);
    }

    @Test
    void replayedNonceIsRefused() throws Exception {
        String nonce = PlatformClient.freshNonce();
        PlatformClient.Reply first = client.send("POST", "/api/v1/cases", bodies.text(bodies.example("a")), nonce,
                clock.millis(), UnaryOperator.identity());
        clock.advance(Duration.ofSeconds(10));
        PlatformClient.Reply replay = client.send("POST", "/api/v1/cases", bodies.text(bodies.example("b")), nonce,
                clock.millis(), UnaryOperator.identity());

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.error()).isEqualTo("replayed-nonce");
        assertThat(replay.detail()).contains(nonce);
        assertThat(platform.cases()).hasSize(1);
    }

    @Test
    void aRefusedRequestDoesNotUseItsNonceUp() throws Exception {
        String nonce = PlatformClient.freshNonce();
        PlatformClient impostor = new PlatformClient(platform.baseUri(), new RequestSigner(APP_KEY, "guessed"), clock);
        impostor.send("POST", "/api/v1/cases", bodies.text(bodies.example("a")), nonce, clock.millis(),
                UnaryOperator.identity());

        PlatformClient.Reply reply = client.send("POST", "/api/v1/cases", bodies.text(bodies.example("a")), nonce,
                clock.millis(), UnaryOperator.identity());

        assertThat(reply.status()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "a-nonce-that-is-far-too-long-to-be-accepted-by-the-platform-at-all-x"})
    void nonceOfTheWrongLengthIsRefused(String nonce) throws Exception {
        PlatformClient.Reply reply = client.send("POST", "/api/v1/cases", bodies.text(bodies.example("a")), nonce,
                clock.millis(), UnaryOperator.identity());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error()).isEqualTo("bad-nonce");
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-App-Key", "X-Timestamp", "X-Nonce", "X-Signature"})
    void missingSignatureHeaderIsRefusedByName(String header) throws Exception {
        PlatformClient.Reply reply = client.send("POST", "/api/v1/cases", bodies.text(bodies.example("k")),
                PlatformClient.freshNonce(), clock.millis(), request -> withoutHeader(request, header));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error()).isEqualTo("missing-header");
        assertThat(reply.detail()).isEqualTo(header + " is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v", "idempotencyKey", "caseType", "largeClass", "smallClass", "title", "description",
            "urgency", "longitude", "latitude", "address", "department", "timeLimitHours", "reportedAt"})
    void missingFieldIsRefusedByName(String field) throws Exception {
        ObjectNode body = bodies.example("k");
        body.remove(field);

        PlatformClient.Reply reply = client.postCase(bodies.text(body));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("missing-field");
        assertThat(reply.json().path("field").asText()).isEqualTo(field);
        assertThat(reply.detail()).isEqualTo(field + " is missing");
        assertThat(platform.cases()).isEmpty();
    }

    @Test
    void badFieldIsRefusedByName() throws Exception {
        ObjectNode body = bodies.example("k");
        body.put("latitude", 230.0);

        PlatformClient.Reply reply = client.postCase(bodies.text(body));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("bad-field");
        assertThat(reply.json().path("field").asText()).isEqualTo("latitude");
    }

    @Test
    void unknownVersionIsRefusedNamingIt() throws Exception {
        ObjectNode body = bodies.example("k");
        body.put("v", 2);

        PlatformClient.Reply reply = client.postCase(bodies.text(body));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.detail()).contains("version 2");
    }

    @Test
    void bodyThatIsNotJsonIsRefused() throws Exception {
        PlatformClient.Reply reply = client.postCase("{\"v\":1,");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("malformed-body");
    }

    @Test
    void signedListReturnsCasesNewestFirst() throws Exception {
        client.postCase(bodies.text(bodies.example("first")));
        clock.advance(Duration.ofMinutes(1));
        client.postCase(bodies.text(bodies.example("second")));

        PlatformClient.Reply reply = client.listCases();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("v").asInt()).isEqualTo(1);
        List<String> keys = reply.json().path("cases").findValuesAsText("idempotencyKey");
        assertThat(keys).containsExactly("second", "first");
        JsonNode newest = reply.json().path("cases").get(0);
        assertThat(newest.path("receivedAt").asText()).isEqualTo("2026-11-21T00:31:00Z");
        assertThat(newest.path("latitude").asDouble()).isEqualTo(30.2741);
    }

    @Test
    void unsignedListIsRefused() throws Exception {
        PlatformClient.Reply reply = client.sendUnsigned(
                HttpRequest.newBuilder(platform.baseUri().resolve("/api/v1/cases")).GET());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error()).isEqualTo("missing-header");
    }

    @Test
    void unavailablePlatformAnswers503UntilItIsBack() throws Exception {
        platform.setAvailable(false);
        PlatformClient.Reply down = client.postCase(bodies.text(bodies.example("k")));
        platform.setAvailable(true);
        PlatformClient.Reply up = client.postCase(bodies.text(bodies.example("k")));

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.error()).isEqualTo("unavailable");
        assertThat(down.response().headers().firstValue("Retry-After")).hasValue("5");
        assertThat(up.status()).isEqualTo(201);
        assertThat(platform.requestsRejected()).isZero();
    }

    @Test
    void pageListsTheCasesNewestFirstAndEscaped() throws Exception {
        client.postCase(bodies.text(bodies.example("older")));
        clock.advance(Duration.ofMinutes(1));
        ObjectNode hostile = bodies.example("newer");
        hostile.put("title", "<script>alert('x')</script> & co");
        client.postCase(bodies.text(hostile));

        PlatformClient.Reply page = client.sendUnsigned(HttpRequest.newBuilder(platform.baseUri()).GET());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.response().headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.text())
                .contains("<meta http-equiv=\"refresh\" content=\"5\">")
                .contains("案件编号").contains("Case ID")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co")
                .doesNotContain("<script>")
                .contains("2026-11-21 08:31:00");
        assertThat(page.text().indexOf("C20261121-0002")).isLessThan(page.text().indexOf("C20261121-0001"));
    }

    @Test
    void emptyPageSaysSo() throws Exception {
        PlatformClient.Reply page = client.sendUnsigned(HttpRequest.newBuilder(platform.baseUri()).GET());

        assertThat(page.text()).contains("No cases yet");
    }

    @Test
    void unknownPathIs404() throws Exception {
        PlatformClient.Reply reply = client.send("GET", "/api/v1/other", "", PlatformClient.freshNonce(),
                clock.millis(), UnaryOperator.identity());

        assertThat(reply.status()).isEqualTo(404);
    }

    @Test
    void casesSnapshotIsImmutable() throws Exception {
        client.postCase(bodies.text(bodies.example("k")));
        List<CountyCase> snapshot = platform.cases();

        assertThatThrownBy(() -> snapshot.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        client.postCase(bodies.text(bodies.example("k2")));
        assertThat(snapshot).hasSize(1);
    }

    private static HttpRequest.Builder withoutHeader(HttpRequest.Builder request, String header) {
        HttpRequest built = request.build();
        HttpRequest.Builder copy = HttpRequest.newBuilder(built.uri())
                .method(built.method(), built.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()));
        built.headers().map().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(header)) {
                values.forEach(value -> copy.header(name, value));
            }
        });
        return copy;
    }
}
