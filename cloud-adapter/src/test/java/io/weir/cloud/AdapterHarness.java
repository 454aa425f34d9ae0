package io.weir.cloud;

import io.weir.cloud.testing.FakeGateway;
import io.weir.cloud.testing.TestDatabase;
import io.weir.simulator.broker.EmbeddedBroker;
import io.weir.simulator.county.CountyPlatformSimulator;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import io.weir.cloud.testing.SignedPackages;

/**
 * The real things an adapter talks to in a test: an MQTT broker and the county platform simulator on ephemeral
 * loopback ports, and a database (a SQLite file or a fresh PostgreSQL database). Closes whatever it started.
 */
final class AdapterHarness implements AutoCloseable {
    static final String APP_KEY = "weir-test";
    static final String APP_SECRET = "test-secret-123";
    /** The operations token of every test adapter. */
    static final String OPS_TOKEN = "ops-token-for-tests-0123456789";
    /** Every gateway id the tests publish as; any other is a stranger whose messages are quarantined. */
    static final Set<String> GATEWAYS = Set.of("gw-yx-001", "gw-a", "gw-1", "gw-2", "gw-3", "gw-4", "gw-silent",
            "gw-broken");

    final EmbeddedBroker broker;
    final CountyPlatformSimulator county;
    final String jdbcUrl;
    private final List<AutoCloseable> opened = new ArrayList<>();

    final SignedPackages signers;

    AdapterHarness(Path dir, TestDatabase db) {
        this.signers = SignedPackages.shared();
        this.broker = EmbeddedBroker.start("127.0.0.1", 0);
        this.county = CountyPlatformSimulator.start("127.0.0.1", 0, APP_KEY, APP_SECRET);
        this.jdbcUrl = db.jdbcUrl(dir);
    }

    /**
     * Fast retries so a test sees recovery quickly, {@link #OPS_TOKEN}, the {@link #GATEWAYS} registered and the test
     * packages' signer trusted; everything else as in production.
     */
    CloudAdapterConfig config() {
        DeliveryOptions delivery = DeliveryOptions.defaults()
                .withPollInterval(Duration.ofMillis(200))
                .withRetry(Duration.ofMillis(50), Duration.ofMillis(500));
        SecurityOptions security = SecurityOptions.defaults().withOps(OpsAccess.token(OPS_TOKEN))
                .withGateways(GATEWAYS).withTrustedSigners(signers.trusted());
        return CloudAdapterConfig.of(broker.url(), "weir-cloud-test", jdbcUrl, county.baseUri(),
                APP_KEY, APP_SECRET).withDelivery(delivery).withSecurity(security);
    }

    /** A request to the adapter's HTTP API as an operator sends it: the token, and a JSON body. */
    static HttpRequest.Builder opsRequest(CloudAdapter adapter, String path) {
        return HttpRequest.newBuilder(adapter.httpUri().resolve(path))
                .header("Authorization", "Bearer " + OPS_TOKEN)
                .header("Content-Type", "application/json");
    }

    private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    private final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Calls the deployment API ({@code /api/v1/ops/deploy/<path>}) as an operator; asserts the answer's status. */
    com.fasterxml.jackson.databind.JsonNode send(String method, CloudAdapter adapter, String path, String body,
                                                 int status) throws Exception {
        HttpRequest.Builder request = opsRequest(adapter, "/api/v1/ops/deploy/" + path);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        java.net.http.HttpResponse<String> reply = http.send(request.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(reply.statusCode()).as(method + " " + path + ": " + reply.body())
                .isEqualTo(status);
        return json.readTree(reply.body());
    }

    /** {@link #config()} with a deployment worker that polls every 200 ms and resends rarely, as {@code clientId}. */
    CloudAdapterConfig deployConfig(String clientId) {
        return config().withDeploy(new DeployOptions(Duration.ofMillis(200), Duration.ofMinutes(5),
                Duration.ofMinutes(5))).withClientId(clientId);
    }

    /** A fake deploy agent on this broker, closed with the harness (before the adapters). */
    io.weir.cloud.testing.FakeDeployAgent agent(String gatewayId, io.weir.cloud.testing.FakeDeployAgent.Outcome outcome,
                                               boolean duplicate) throws Exception {
        var agent = io.weir.cloud.testing.FakeDeployAgent.start(broker.url(), gatewayId, outcome, duplicate);
        opened.add(agent);
        return agent;
    }

    /** Waits as deployment tests do: up to 45 s on a loaded machine, looking every 50 ms. */
    static org.awaitility.core.ConditionFactory eventually() {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(50));
    }

    CloudAdapter start(CloudAdapterConfig config) {
        CloudAdapter adapter = CloudAdapter.start(config);
        opened.add(adapter);
        return adapter;
    }

    CloudAdapter start() {
        return start(config());
    }

    FakeGateway gateway(String gatewayId) throws Exception {
        FakeGateway gateway = FakeGateway.connect(broker.url(), gatewayId);
        opened.add(gateway);
        return gateway;
    }

    @Override
    public void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                // already closed by the test
            }
        }
        county.close();
        broker.close();
    }
}
