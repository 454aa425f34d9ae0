package io.weir.cloud;

import io.weir.cloud.testing.FakeGateway;
import io.weir.cloud.testing.TestDatabase;
import io.weir.simulator.broker.EmbeddedBroker;
import io.weir.simulator.county.CountyPlatformSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real things an adapter talks to in a test: an MQTT broker and the county platform simulator on ephemeral
 * loopback ports, and a database (a SQLite file or a fresh PostgreSQL database). Closes whatever it started.
 */
final class AdapterHarness implements AutoCloseable {
    static final String APP_KEY = "weir-test";
    static final String APP_SECRET = "test-secret-123";

    final EmbeddedBroker broker;
    final CountyPlatformSimulator county;
    final String jdbcUrl;
    private final List<AutoCloseable> opened = new ArrayList<>();

    AdapterHarness(Path dir, TestDatabase db) {
        this.broker = EmbeddedBroker.start("127.0.0.1", 0);
        this.county = CountyPlatformSimulator.start("127.0.0.1", 0, APP_KEY, APP_SECRET);
        this.jdbcUrl = db.jdbcUrl(dir);
    }

    /** Fast retries so a test sees recovery quickly; everything else as in production. */
    CloudAdapterConfig config() {
        DeliveryOptions delivery = DeliveryOptions.defaults()
                .withPollInterval(Duration.ofMillis(200))
                .withRetry(Duration.ofMillis(50), Duration.ofMillis(500));
        return CloudAdapterConfig.of(broker.url(), "weir-cloud-test", jdbcUrl, county.baseUri(),
                APP_KEY, APP_SECRET).withDelivery(delivery);
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
