package io.weir.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.simulator.broker.EmbeddedBroker;
import io.weir.simulator.field.FieldDeviceServer;
import io.weir.testing.Ports;

/**
 * The gateway as a real process stopped by a real signal and started again as a new JVM: SIGTERM stops the
 * framework in order (the clean death is on the broker, the rain windows are on disk), and a restart with a broken
 * profile runs the last good configuration, every device polling.
 */
class StopAndRestartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RAINFALL_RULE = """
              - id: rainstorm
                type: rainfall
                channel: rain-1/rain_counter
                source: counter
                preset: rainstorm-signal
            """;

    @TempDir
    Path work;

    @Test
    void sigtermPublishesTheCleanDeathAndWritesTheRainWindows() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (var field = FieldDeviceServer.start("127.0.0.1", 0);
             var broker = EmbeddedBroker.start("127.0.0.1", 0)) {
            var layout = layout(Path.of(System.getProperty("weir.profiles.dir")));
            writeSite(layout, field.port(), broker.url(), "gw-stop");
            var cloud = connect(broker, "cloud-live");
            var online = new AtomicReference<JsonNode>();
            var states = new CopyOnWriteArrayList<String>();
            cloud.subscribe("weir/v1/gw-stop/state", 1, (t, m) -> {
                online.set(JSON.readTree(m.getPayload()));
                states.add(new String(m.getPayload(), StandardCharsets.UTF_8));
            });

            GatewayProcess gateway = GatewayProcess.start(layout, log::add);
            await("the gateway's birth").atMost(PATIENCE)
                    .until(() -> online.get() != null && online.get().path("online").asBoolean());
            await("the rain gauge read by the rainfall rule").atMost(PATIENCE)
                    .until(() -> log.stream().anyMatch(l -> l.contains("runtime healthy")));

            int heardBefore = states.size(); // an uplink restarted at start-up says goodbye too: not this one
            gateway.stop(PATIENCE); // SIGTERM
            // the cloud, subscribed all along, hears the gateway say goodbye
            await("the clean death, live").atMost(PATIENCE).until(() -> states.stream().skip(heardBefore)
                    .anyMatch(m -> m.contains("\"reason\":\"shutdown\"")));
            cloud.disconnect();
            cloud.close();

            var retained = new AtomicReference<JsonNode>();
            var after = connect(broker, "cloud-after");
            after.subscribe("weir/v1/gw-stop/state", 1, (t, m) -> retained.set(JSON.readTree(m.getPayload())));
            await("the retained state").atMost(PATIENCE).until(() -> retained.get() != null);
            after.disconnect();
            after.close();
            assertThat(retained.get().path("online").asBoolean()).isFalse();
            assertThat(retained.get().path("reason").asText())
                    .as("states heard live:%n%s%ngateway log:%n%s", String.join("\n", states), String.join("\n", log))
                    .isEqualTo("shutdown");
            assertThat(layout.dataDir().resolve("rules/windows.state")).isNotEmptyFile();
            assertThat(log).anyMatch(l -> l.contains("runtime stopped cleanly"));
            // Equinox writes what the framework and its extenders log as errors into a new file in its storage at
            // every start that has one (a component reference cycle did, with a stack trace, every start)
            try (Stream<Path> files = Files.list(layout.dataDir().resolve("framework"))) {
                assertThat(files.map(f -> f.getFileName().toString()).filter(name -> name.endsWith(".log")))
                        .as("framework error logs").isEmpty();
            }
        }
    }

    @Test
    void aRestartWithABrokenProfileRunsTheLastGoodConfiguration() throws Exception {
        Path profiles = Files.createDirectories(work.resolve("profiles"));
        try (Stream<Path> shipped = Files.list(Path.of(System.getProperty("weir.profiles.dir")))) {
            for (Path p : (Iterable<Path>) shipped.filter(Files::isRegularFile)::iterator) {
                Files.copy(p, profiles.resolve(p.getFileName()));
            }
        }
        List<String> log = new CopyOnWriteArrayList<>();
        // no broker: a port held and refusing, so every reading stays in the store, where we count it
        try (var noBroker = Ports.refusing(); var field = FieldDeviceServer.start("127.0.0.1", 0)) {
            int closedPort = noBroker.getLocalPort();
            var layout = layout(profiles);
            writeSite(layout, field.port(), "tcp://127.0.0.1:" + closedPort, "gw-lastgood");
            Path store = layout.dataDir().resolve("store.db");

            GatewayProcess first = GatewayProcess.start(layout, log::add);
            await("both devices polled").atMost(PATIENCE)
                    .until(() -> readings(store, "radar-1") > 0 && readings(store, "rain-1") > 0);
            first.stop(PATIENCE);
            long radarBefore = readings(store, "radar-1");
            long rainBefore = readings(store, "rain-1");

            Path radarProfile = profiles.resolve("hlk-ld8001h.yaml");
            Files.writeString(radarProfile, Files.readString(radarProfile) + "\nregisters: [\n",
                    StandardCharsets.UTF_8);
            log.clear();
            try (GatewayProcess second = GatewayProcess.start(layout, log::add)) {
                await("both devices poll again on the last good configuration").atMost(PATIENCE)
                        .until(() -> readings(store, "radar-1") > radarBefore && readings(store, "rain-1") > rainBefore);
                await("the rejection reported as unhealthy").atMost(PATIENCE)
                        .until(() -> log.stream().anyMatch(l -> l.contains("runtime NOT healthy: site file")
                                && l.contains("was rejected") && l.contains("the last good configuration runs")));
            }
            assertThat(log).anyMatch(l -> l.contains("rejected") && l.contains("the last good configuration stays in force"));
        }
    }

    private GatewayProcess.Layout layout(Path profiles) {
        return new GatewayProcess.Layout(Path.of(System.getProperty("weir.gateway.jar")),
                work.resolve("conf/site.yaml"), profiles, work.resolve("data"), work.resolve("gateway.log"));
    }

    private static void writeSite(GatewayProcess.Layout layout, int modbusPort, String brokerUrl, String gatewayId)
            throws Exception {
        Files.createDirectories(layout.siteFile().getParent());
        Files.writeString(layout.siteFile(), SiteFile.riverStation(gatewayId, "127.0.0.1", modbusPort, brokerUrl,
                "200ms") + RAINFALL_RULE);
    }

    private static MqttClient connect(EmbeddedBroker broker, String clientId) throws Exception {
        var client = new MqttClient(broker.url(), clientId, new MemoryPersistence());
        var options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
        return client;
    }

    /** Readings of one device in the store, in flight or not; 0 before the gateway has made its tables. */
    private static long readings(Path store, String device) throws Exception {
        if (!Files.exists(store)) {
            return 0;
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + store)) {
            try (var tables = c.createStatement().executeQuery(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'record'")) {
                if (!tables.next()) {
                    return 0;
                }
            }
            try (var rs = c.createStatement().executeQuery(
                    "SELECT count(*) FROM record WHERE class = 1 AND body LIKE '%/" + device + "/%'")) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
