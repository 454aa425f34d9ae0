package io.weir.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.cloud.testing.FakeGateway;
import io.weir.cloud.testing.Payloads;
import io.weir.cloud.testing.Schemas;
import io.weir.cloud.testing.TestDatabase;
import io.weir.simulator.county.CaseActivity;
import io.weir.simulator.county.CountyCase;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A case's whole life against the county simulator: opened on the raise, updated on the escalation, a recovery note
 * and a close request on the clear, every status back through the signed webhook and on to the gateway as an alarm
 * acknowledgement; and the operations REST API showing it.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class CaseLifecycleTest {
    private static final String GW = "gw-yx-001";

    @Parameter
    TestDatabase db;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private AdapterHarness harness;

    @BeforeEach
    void start() {
        harness = new AdapterHarness(dir, db);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void escalationUpdatesClearingNotesAndClosesAndEveryStatusReachesTheGateway() throws Exception {
        CaseMapping mapping = CaseMapping.defaults().withRule(new CaseRule("river-level", Set.of(),
                new CaseClass("EVENT", "04", "0402", "flood-control", 1), null, true));
        CloudAdapter adapter = harness.start(harness.config().withCaseMapping(mapping));
        harness.county.registerWebhook(adapter.webhookUri());
        List<JsonNode> acks = new CopyOnWriteArrayList<>();
        MqttClient listener = new MqttClient(harness.broker.url(), "gw-cmd-" + System.nanoTime(),
                new MemoryPersistence());
        listener.connect();
        listener.subscribe("weir/v1/" + GW + "/cmd/alarm-ack", 1,
                (topic, message) -> acks.add(json.readTree(message.getPayload())));
        FakeGateway gateway = harness.gateway(GW);
        String alarmId = GW + ":river-level:1";

        gateway.publish("alarm", Payloads.alarm(GW, 10, Payloads.event(alarmId, "YELLOW", "RAISED", 1, 3.52)));
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.county.cases().size() == 1);
        gateway.publish("alarm", Payloads.alarm(GW, 11, Payloads.event(alarmId, "RED", "ESCALATED", 2, 4.1)));
        String caseId = harness.county.cases().get(0).caseId();
        harness.county.advance(caseId, CountyCase.DISPATCHED);
        gateway.publish("alarm", Payloads.alarm(GW, 12, Payloads.event(alarmId, "RED", "CLEARED", 3, 3.2)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(harness.county.activities()).extracting(CaseActivity::kind)
                    .containsExactly("UPDATE", "NOTE", "CLOSE_REQUEST");
            assertThat(acks).extracting(a -> a.path("status").asText())
                    .containsExactlyInAnyOrder("REGISTERED", "DISPATCHED", "CLOSED");
        });
        assertThat(harness.county.cases()).singleElement().satisfies(c -> {
            assertThat(c.smallClass()).isEqualTo("0402");
            assertThat(c.department()).isEqualTo("flood-control");
            assertThat(c.urgency()).isEqualTo("URGENT");
            assertThat(c.title()).isEqualTo("River level RED at " + Payloads.STATION_NAME);
            assertThat(c.status()).isEqualTo("CLOSED");
        });
        assertThat(harness.county.activities().get(1).text()).startsWith("Recovered: water_level 3.2");
        assertThat(acks).allSatisfy(a -> {
            Schemas.requireValid("cmd-alarm-ack", a.toString());
            assertThat(a.path("v").asInt()).isEqualTo(1);
            assertThat(a.path("alarmId").asText()).isEqualTo(alarmId);
            assertThat(a.path("caseId").asText()).isEqualTo(caseId);
            assertThat(a.path("requestId").asText()).isEqualTo(caseId + ":" + a.path("status").asText());
            assertThat(java.time.Instant.parse(a.path("expiresAt").asText()))
                    .isAfter(java.time.Instant.now().plus(Duration.ofHours(23)));
        });

        JsonNode cases = get(adapter, "/api/v1/ops/cases");
        assertThat(cases.path("items").get(0).path("caseStatus").asText()).isEqualTo("CLOSED");
        assertThat(cases.path("items").get(0).path("caseId").asText()).isEqualTo(caseId);
        assertThat(get(adapter, "/api/v1/ops/alarms/open").path("items")).isEmpty();
        listener.disconnect();
        listener.close();
    }

    @Test
    void theWebhookPayloadsOfTheCountySimulatorMatchTheirSchema() throws Exception {
        CloudAdapter adapter = harness.start();
        List<String> bodies = new CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer capture = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        capture.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] ok = "{\"accepted\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        capture.start();
        try {
            harness.county.registerWebhook(java.net.URI.create("http://127.0.0.1:" + capture.getAddress().getPort()
                    + "/webhooks/county/case-status"));
            harness.gateway(GW).publish("alarm", Payloads.alarm(GW, 10,
                    Payloads.event(GW + ":river-level:7", "RED", "RAISED", 1, 4.2)));
            await().atMost(Duration.ofSeconds(30)).until(() -> adapter.stats().casesOpened() == 1);
            harness.county.advance(harness.county.cases().get(0).caseId(), CountyCase.DISPATCHED);

            await().atMost(Duration.ofSeconds(30)).until(() -> bodies.size() >= 2);
            assertThat(bodies).allSatisfy(body -> Schemas.requireValid("case-status-webhook", body));
        } finally {
            capture.stop(0);
        }
    }

    @Test
    void aWebhookWithABadSignatureIsRefused() throws Exception {
        CloudAdapter adapter = harness.start();
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(adapter.webhookUri())
                .header("X-App-Key", AdapterHarness.APP_KEY).header("X-Timestamp", Long.toString(System.currentTimeMillis()))
                .header("X-Nonce", "0123456789abcdef0123").header("X-Signature", "AAAA")
                .POST(HttpRequest.BodyPublishers.ofString("{\"v\":1,\"caseId\":\"C1\",\"status\":\"CLOSED\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(reply.statusCode()).isEqualTo(401);
        assertThat(reply.body()).contains("signature does not match");
    }

    @Test
    void theOperationsApiListsGatewaysLatestReadingsAndOpenAlarms() throws Exception {
        CloudAdapter adapter = harness.start();
        FakeGateway gateway = harness.gateway(GW);
        gateway.publish("state", Payloads.birth(GW));
        gateway.publish("telemetry", Payloads.telemetry(GW, 1, Payloads.reading(Payloads.LEVEL_CHANNEL,
                "2026-11-21T08:00:00Z", 3.1, "m")));
        gateway.publish("telemetry", Payloads.telemetry(GW, 2, Payloads.reading(Payloads.LEVEL_CHANNEL,
                "2026-11-21T08:05:00Z", 3.3, "m")));
        gateway.publish("alarm", Payloads.alarm(GW, 3, Payloads.event(GW + ":river-level:9", "ORANGE", "RAISED", 1,
                3.8)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(get(adapter, "/api/v1/ops/readings/latest").path("items")).singleElement()
                    .satisfies(r -> assertThat(r.path("valueNum").asDouble()).isEqualTo(3.3));
            assertThat(get(adapter, "/api/v1/ops/alarms/open").path("items")).singleElement()
                    .satisfies(a -> assertThat(a.path("level").asText()).isEqualTo("ORANGE"));
        });
        JsonNode gw = get(adapter, "/api/v1/ops/gateways").path("items").get(0);
        assertThat(gw.path("gatewayId").asText()).isEqualTo(GW);
        assertThat(gw.path("online").asBoolean()).isTrue();
        assertThat(gw.path("runtimeJson").asText()).contains("0.1.0");
        assertThat(gw.path("lastSeenAt").asLong()).isPositive();
    }

    private JsonNode get(CloudAdapter adapter, String path) throws Exception {
        HttpResponse<byte[]> reply = http.send(AdapterHarness.opsRequest(adapter, path).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(reply.statusCode()).as(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return json.readTree(reply.body());
    }
}
