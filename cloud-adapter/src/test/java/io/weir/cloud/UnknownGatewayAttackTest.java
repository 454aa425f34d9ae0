package io.weir.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weir.cloud.gateways.QuarantinedMessage;
import io.weir.cloud.gateways.UnknownGateway;
import io.weir.cloud.testing.FakeGateway;
import io.weir.cloud.testing.Payloads;
import io.weir.cloud.testing.TestDatabase;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack of issue 14 on gateway identity, replayed over a real broker: a made-up gateway id opened a real RED
 * county case. Now only registered gateways are ingested; an unknown one is counted and its messages kept aside
 * (bounded), and no case is opened for it. Registration is an operator's change through the REST API.
 */
class UnknownGatewayAttackTest {
    private static final String STRANGER = "gw-made-up";
    private static final String OURS = "gw-yx-001";

    @TempDir
    Path dir;

    private AdapterHarness harness;

    @BeforeEach
    void start() {
        harness = new AdapterHarness(dir, TestDatabase.SQLITE);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void aMadeUpGatewaysRedAlarmOpensNoCaseAndIsQuarantined() throws Exception {
        CloudAdapter adapter = harness.start();
        FakeGateway stranger = harness.gateway(STRANGER);
        stranger.publish("state", Payloads.birth(STRANGER));
        stranger.publish("alarm", Payloads.alarm(STRANGER, 1, Payloads.event(STRANGER + ":river-level:1", "RED",
                "RAISED", 1, 5.2)));
        // a registered gateway's alarm right behind it opens its case: the stranger's was not merely slower
        FakeGateway ours = harness.gateway(OURS);
        ours.publish("alarm", Payloads.alarm(OURS, 1, Payloads.event(OURS + ":river-level:1", "RED", "RAISED", 1,
                4.2)));

        await().atMost(Duration.ofSeconds(30)).until(() -> adapter.stats().casesOpened() == 1);
        assertThat(harness.county.cases()).singleElement()
                .satisfies(c -> assertThat(c.idempotencyKey()).startsWith(OURS));
        assertThat(adapter.stats().messagesQuarantined()).isEqualTo(2);
        assertThat(adapter.queries().gateway(STRANGER)).isEmpty();
        assertThat(adapter.queries().alarm(STRANGER + ":river-level:1")).isEmpty();
        assertThat(adapter.gateways().unknown()).singleElement().satisfies((UnknownGateway u) -> {
            assertThat(u.gatewayId()).isEqualTo(STRANGER);
            assertThat(u.messages()).isEqualTo(2);
        });
        assertThat(adapter.gateways().quarantined(STRANGER, 10)).extracting(QuarantinedMessage::topic)
                .containsExactly("weir/v1/" + STRANGER + "/alarm", "weir/v1/" + STRANGER + "/state");
    }

    @Test
    void operatorsRegisterAndDeregisterThroughTheApi() throws Exception {
        CloudAdapter adapter = harness.start();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> added = http.send(AdapterHarness.opsRequest(adapter, "/api/v1/ops/registry/" + STRANGER)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"note\":\"new station\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(adapter.gateways().registered()).anySatisfy(g -> {
            assertThat(g.gatewayId()).isEqualTo(STRANGER);
            assertThat(g.registeredBy()).isEqualTo("ops");
            assertThat(g.note()).isEqualTo("new station");
        });
        FakeGateway now = harness.gateway(STRANGER);
        now.publish("alarm", Payloads.alarm(STRANGER, 1, Payloads.event(STRANGER + ":river-level:1", "RED",
                "RAISED", 1, 5.2)));
        await().atMost(Duration.ofSeconds(30)).until(() -> adapter.stats().casesOpened() == 1);

        HttpResponse<String> removed = http.send(AdapterHarness.opsRequest(adapter, "/api/v1/ops/registry/"
                + STRANGER).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        now.publish("alarm", Payloads.alarm(STRANGER, 2, Payloads.event(STRANGER + ":river-level:2", "RED",
                "RAISED", 1, 5.9)));
        await().atMost(Duration.ofSeconds(30)).until(() -> adapter.stats().messagesQuarantined() == 1);
        assertThat(adapter.queries().alarm(STRANGER + ":river-level:2")).isEmpty();
        assertThat(http.send(AdapterHarness.opsRequest(adapter, "/api/v1/ops/quarantine").build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains(STRANGER);
        assertThat(http.send(AdapterHarness.opsRequest(adapter, "/api/v1/ops/registry/bad%20id")
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(400);
    }
}
