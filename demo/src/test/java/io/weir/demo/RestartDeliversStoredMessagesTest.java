package io.weir.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.simulator.broker.EmbeddedBroker;
import io.weir.simulator.field.FieldDeviceServer;
import io.weir.testing.TcpProxy;

/**
 * The link is down, the gateway keeps polling into its store, and then it dies without warning (SIGKILL). Started
 * again with the link back, it delivers every reading its store held.
 */
class RestartDeliversStoredMessagesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void everyStoredReadingIsDeliveredAfterAKillAndARestart() throws Exception {
        // the broker's address: held from the start, refusing until the broker is there
        try (var field = FieldDeviceServer.start("127.0.0.1", 0); var link = new TcpProxy()) {
            var layout = new GatewayProcess.Layout(Path.of(System.getProperty("weir.gateway.jar")),
                    work.resolve("conf/site.yaml"), Path.of(System.getProperty("weir.profiles.dir")),
                    work.resolve("data"), work.resolve("gateway.log"));
            Files.createDirectories(layout.siteFile().getParent());
            Files.writeString(layout.siteFile(), SiteFile.riverStation("gw-restart", "127.0.0.1", field.port(),
                    "tcp://127.0.0.1:" + link.port(), "200ms"));
            Path store = layout.dataDir().resolve("store.db");

            GatewayProcess first = GatewayProcess.start(layout, null);
            await("readings kept while the link is down").atMost(PATIENCE)
                    .until(() -> storedReadings(store).size() >= 30);
            first.kill();
            Set<String> stored = storedReadings(store);

            Set<String> delivered = ConcurrentHashMap.newKeySet();
            try (var broker = EmbeddedBroker.start("127.0.0.1", 0)) {
                link.forwardTo(broker.port());
                link.accepting(true);
                var cloud = new MqttClient(broker.url(), "test-cloud", new MemoryPersistence());
                var options = new MqttConnectOptions();
                options.setCleanSession(true);
                cloud.connect(options);
                cloud.subscribe("weir/v1/gw-restart/telemetry", 1,
                        (topic, message) -> delivered.addAll(readingsOf(message.getPayload())));
                try (GatewayProcess second = GatewayProcess.start(layout, null)) {
                    await("every stored reading delivered").atMost(PATIENCE)
                            .until(() -> delivered.containsAll(stored));
                }
                cloud.disconnect();
                cloud.close();
            }
            assertThat(stored).hasSizeGreaterThanOrEqualTo(30);
            assertThat(delivered).containsAll(stored);
        }
    }

    /**
     * channel@timestamp of every reading in the store, in flight or not (telemetry is record class 1). A store the
     * gateway has created but not yet given its tables holds nothing yet.
     */
    private static Set<String> storedReadings(Path store) throws Exception {
        var keys = new HashSet<String>();
        if (!Files.exists(store)) {
            return keys;
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + store)) {
            try (var tables = c.createStatement().executeQuery(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'record'")) {
                if (!tables.next()) {
                    return keys;
                }
            }
            try (var rs = c.createStatement().executeQuery("SELECT body FROM record WHERE class = 1")) {
                while (rs.next()) {
                    keys.add(key(JSON.readTree(rs.getString(1))));
                }
            }
        }
        return keys;
    }

    private static Set<String> readingsOf(byte[] payload) throws Exception {
        var keys = new HashSet<String>();
        for (JsonNode reading : JSON.readTree(new String(payload, StandardCharsets.UTF_8)).get("readings")) {
            keys.add(key(reading));
        }
        return keys;
    }

    private static String key(JsonNode reading) {
        return reading.get("channel").asText() + "@" + reading.get("ts").asText();
    }
}
