package io.weir.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.cloud.testing.FakeGateway;
import io.weir.cloud.testing.Payloads;
import io.weir.cloud.testing.TestDatabase;
import io.weir.metrics.MetricType;
import io.weir.metrics.Scrape;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter's health probes and Prometheus metrics over real HTTP: the probes answer without a token but keep the
 * Host check; /metrics takes the scrape token or an operator's, and what it serves parses strictly and counts what
 * happened (a reading and an alarm ingested, a case opened).
 */
class ProbesAndMetricsTest {
    private static final String GW = "gw-yx-001";
    private static final String SCRAPE_TOKEN = "scrape-token-0123456789abcdef";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> get(CloudAdapter adapter, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(adapter.httpUri().resolve(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void probesAreOpenMetricsNeedATokenAndCountWhatHappened() throws Exception {
        try (AdapterHarness harness = new AdapterHarness(dir, TestDatabase.SQLITE)) {
            CloudAdapter adapter = harness.start(harness.config().withService(ServiceOptions.defaults()
                    .withMetricsToken(SCRAPE_TOKEN)));
            harness.county.registerWebhook(adapter.webhookUri());

            assertThat(get(adapter, "/healthz", null).statusCode()).isEqualTo(200);
            HttpResponse<String> ready = get(adapter, "/readyz", null);
            assertThat(ready.statusCode()).isEqualTo(200);
            JsonNode checks = json.readTree(ready.body()).path("checks");
            assertThat(checks.path("database").asText()).isEqualTo("ok");
            assertThat(checks.path("broker").asText()).isEqualTo("ok");
            assertThat(checks.path("outbox").asText()).isEqualTo("ok");
            assertThat(get(adapter, "/metrics", null).statusCode()).isEqualTo(401);
            assertThat(get(adapter, "/metrics", "not-the-token-0123456789").statusCode()).isEqualTo(401);
            assertThat(get(adapter, "/metrics", AdapterHarness.OPS_TOKEN).statusCode()).isEqualTo(200);
            // the scrape token reads metrics and nothing else
            assertThat(get(adapter, "/api/v1/ops/gateways", SCRAPE_TOKEN).statusCode()).isEqualTo(401);
            // a page that rebinds its name to the adapter learns nothing, not even whether it is up
            assertThat(rawStatus(adapter, "GET /healthz HTTP/1.1\r\nHost: attacker.example\r\n\r\n"))
                    .isEqualTo(421);

            try (FakeGateway gateway = harness.gateway(GW)) {
                gateway.publish("telemetry", Payloads.telemetry(GW, 1, Payloads.reading(Payloads.LEVEL_CHANNEL,
                        "2026-11-21T08:00:00Z", 3.1, "m")));
                gateway.publish("alarm", Payloads.alarm(GW, 2, Payloads.event(GW + ":river-level:1", "YELLOW",
                        "RAISED", 1, 3.6)));
                await().atMost(Duration.ofSeconds(60)).until(() -> adapter.stats().casesOpened() == 1);
            }

            HttpResponse<String> scraped = get(adapter, "/metrics", SCRAPE_TOKEN);
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; "
                    + "charset=utf-8");
            Scrape scrape = Scrape.parse(scraped.body());
            assertThat(scrape.family("weir_adapter_messages_total").orElseThrow().type())
                    .isEqualTo(MetricType.COUNTER);
            assertThat(scrape.value("weir_adapter_messages_total", Map.of("outcome", "stored"))).contains(2.0);
            assertThat(scrape.family("weir_adapter_ingest_lag_seconds").orElseThrow().type())
                    .isEqualTo(MetricType.HISTOGRAM);
            assertThat(scrape.value("weir_adapter_ingest_lag_seconds_count", Map.of("kind", "telemetry")))
                    .contains(1.0);
            assertThat(scrape.value("weir_adapter_case_latency_seconds_count", Map.of())).contains(1.0);
            assertThat(scrape.value("weir_adapter_case_outbox", Map.of("status", "SENT"))).contains(1.0);
            assertThat(scrape.value("weir_adapter_mqtt_connected", Map.of())).contains(1.0);
            assertThat(scrape.value("weir_adapter_database_up", Map.of())).contains(1.0);
            assertThat(scrape.value("weir_adapter_registered_gateways", Map.of()))
                    .contains((double) AdapterHarness.GATEWAYS.size());
            assertThat(scrape.families()).containsKeys("weir_adapter_retention_removed_total",
                    "weir_adapter_mqtt_reconnect_max_seconds");
        }
    }

    /** A request written by hand: java.net.http will not send another Host than the URI's. */
    private static int rawStatus(CloudAdapter adapter, String request) throws Exception {
        java.net.URI uri = adapter.httpUri();
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new String(socket.getInputStream().readNBytes(12),
                    java.nio.charset.StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
