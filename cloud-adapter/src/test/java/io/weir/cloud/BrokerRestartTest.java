package io.weir.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weir.cloud.testing.FakeGateway;
import io.weir.cloud.testing.Payloads;
import io.weir.cloud.testing.TestDatabase;
import io.weir.metrics.Scrape;
import io.weir.simulator.broker.EmbeddedBroker;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: after a broker outage the adapter came back up to 128 s late (Paho's MQTT v5 client kept doubling its
 * automatic reconnect delay past the 30 s it was given). A real broker is stopped long enough for Paho's doubling
 * to have passed the configured maximum many times over, and started again on the same port: the adapter is back
 * on it and ingesting, and it never waited longer than its maximum between two attempts.
 */
class BrokerRestartTest {
    private static final String GW = "gw-yx-001";
    private static final Duration MAX = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theAdapterIsBackOnARestartedBrokerWithinItsMaximumWait() throws Exception {
        try (AdapterHarness harness = new AdapterHarness(dir, TestDatabase.SQLITE)) {
            CloudAdapter adapter = harness.start(harness.config().withService(ServiceOptions.defaults()
                    .withMqttReconnect(Duration.ofMillis(200), MAX)));
            int port = harness.broker.port();
            try (FakeGateway before = harness.gateway(GW)) {
                before.publish("telemetry", Payloads.telemetry(GW, 1, Payloads.reading(Payloads.LEVEL_CHANNEL,
                        "2026-11-21T08:00:00Z", 3.1, "m")));
                await().atMost(Duration.ofSeconds(60)).until(() -> adapter.queries().readingCount() == 1);
            }

            harness.broker.close();
            await().atMost(Duration.ofSeconds(60)).until(() -> !adapter.isConnected());
            assertThat(ready(adapter).statusCode()).isEqualTo(503);
            // Eight failed attempts: Paho's own doubling (1, 2, 4 ... 128 s) would now wait over a minute.
            await().atMost(Duration.ofSeconds(90)).until(() -> metric(adapter,
                    "weir_adapter_mqtt_reconnect_failures_total") >= 8);

            try (EmbeddedBroker restarted = EmbeddedBroker.start("127.0.0.1", port)) {
                await().atMost(Duration.ofSeconds(60)).until(adapter::isConnected);
                try (FakeGateway after = FakeGateway.connect(restarted.url(), GW)) {
                    after.publish("alarm", Payloads.alarm(GW, 2, Payloads.event(GW + ":river-level:1", "RED",
                            "RAISED", 1, 4.6)));
                    await().atMost(Duration.ofSeconds(60)).until(() -> adapter.queries().caseRequests().size() == 1);
                }
                assertThat(metric(adapter, "weir_adapter_mqtt_reconnects_total")).isEqualTo(1);
                assertThat(metric(adapter, "weir_adapter_mqtt_reconnect_longest_wait_seconds"))
                        .isLessThanOrEqualTo(MAX.toMillis() / 1000.0);
                assertThat(ready(adapter).statusCode()).isEqualTo(200);
            }
        }
    }

    private HttpResponse<String> ready(CloudAdapter adapter) throws Exception {
        return http.send(AdapterHarness.opsRequest(adapter, "/readyz").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private double metric(CloudAdapter adapter, String name) throws Exception {
        String body = http.send(AdapterHarness.opsRequest(adapter, "/metrics").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return Scrape.parse(body).value(name, Map.of()).orElseThrow();
    }
}
