package io.weir.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.api.command.CommandHandler;
import io.weir.api.store.MessageClass;
import io.weir.simulator.broker.EmbeddedBroker;

/**
 * The review's attacks on commands, replayed through a real broker: a retained write applied again at a restart, a
 * replayed request after a restart, commands without end, and a command too large for the gateway's memory.
 */
class CommandAttackTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<Map<String, String>> writes = new CopyOnWriteArrayList<>();

    private static String expiringIn(Duration lifetime) {
        return "\"expiresAt\":\"" + Instant.now().plus(lifetime) + "\",";
    }

    private MqttUplink uplink(String url, FakeStore store) throws Exception {
        var options = new UplinkOptions(url, "", new char[0], List.of(), 4, 100, 30, Duration.ofSeconds(1));
        var uplink = new MqttUplink(CommandTakingGateway.SITE, store, options, Map.of(), Clock.systemUTC(),
                new CommandOptions(4096, Duration.ofHours(1), Optional.empty()));
        uplink.addCommand(arguments -> {
            writes.add(arguments);
            return "{\"result\":\"verified\"}";
        }, Map.of(CommandHandler.NAME, "modbus-write"));
        return uplink;
    }

    @Test
    void aRetainedCommandIsNeverRunAndExpiredOrEndlessOnesAreRefused() throws Exception {
        try (var broker = EmbeddedBroker.start("127.0.0.1", 0);
             var cloud = new Subscriber(broker.url(), "weir/v1/gw-cmd/reply/#")) {
            retain(broker.url(), "weir/v1/gw-cmd/cmd/modbus-write", "{\"v\":1," + expiringIn(Duration.ofMinutes(10))
                    + "\"requestId\":\"retained-1\",\"args\":{\"device\":\"gate-1\",\"point\":\"setpoint\"}}");
            var uplink = uplink(broker.url(), new FakeStore());
            try {
                answered(cloud, "ping-1", "ping", "{\"v\":1," + expiringIn(Duration.ofMinutes(10))
                        + "\"requestId\":\"ping-1\"}");

                cloud.publish("weir/v1/gw-cmd/cmd/modbus-write", "{\"v\":1,\"expiresAt\":\"2026-01-01T00:00:00Z\","
                        + "\"requestId\":\"old-1\",\"args\":{\"device\":\"gate-1\"}}");
                cloud.publish("weir/v1/gw-cmd/cmd/modbus-write", "{\"v\":1,\"requestId\":\"endless-1\",\"args\":{}}");
                cloud.publish("weir/v1/gw-cmd/cmd/modbus-write", "{\"v\":1," + expiringIn(Duration.ofDays(30))
                        + "\"requestId\":\"far-1\",\"args\":{}}");

                await().atMost(WAIT).until(() -> !cloud.on("weir/v1/gw-cmd/reply/far-1").isEmpty());
                assertThat(reply(cloud, "old-1")).contains("\"ok\":false", "expired at 2026-01-01T00:00:00Z");
                assertThat(reply(cloud, "endless-1")).contains("\"ok\":false", "expiresAt is missing");
                assertThat(reply(cloud, "far-1")).contains("\"ok\":false", "is more than 3600 s ahead");
                assertThat(cloud.on("weir/v1/gw-cmd/reply/retained-1")).isEmpty();
                assertThat(writes).isEmpty();
            } finally {
                uplink.stop();
            }
        }
    }

    @Test
    void commandsTooLargeToHoldAreDroppedUnreadAndTheConnectionLivesOn() throws Exception {
        String huge = "{\"v\":1," + expiringIn(Duration.ofMinutes(10)) + "\"requestId\":\"huge-1\",\"args\":"
                + "{\"value\":\"" + "9".repeat(2 << 20) + "\"}}";
        try (var broker = EmbeddedBroker.start("127.0.0.1", 0);
             var cloud = new Subscriber(broker.url(), "weir/v1/gw-cmd/#")) {
            retain(broker.url(), "weir/v1/gw-cmd/cmd/modbus-write", huge.replace("huge-1", "huge-retained"));
            var store = new FakeStore();
            var uplink = uplink(broker.url(), store);
            try {
                answered(cloud, "ping-1", "ping", "{\"v\":1," + expiringIn(Duration.ofMinutes(10))
                        + "\"requestId\":\"ping-1\"}");
                cloud.publish("weir/v1/gw-cmd/cmd/modbus-write", huge);
                answered(cloud, "ping-2", "ping", "{\"v\":1," + expiringIn(Duration.ofMinutes(10))
                        + "\"requestId\":\"ping-2\"}");
                store.add(MessageClass.TELEMETRY, "{\"channel\":\"c\",\"value\":1}");

                await().atMost(WAIT).until(() -> store.confirmed().size() == 1);
                assertThat(uplink.isConnected()).isTrue();
                assertThat(cloud.on("weir/v1/gw-cmd/state")).filteredOn(m -> m.payload().contains("\"online\":true"))
                        .as("one birth: no reconnect").hasSize(1);
                assertThat(cloud.on("weir/v1/gw-cmd/reply/huge-1")).isEmpty();
                assertThat(writes).isEmpty();
            } finally {
                uplink.stop();
            }
        }
    }

    @Test
    void aRequestAnsweredBeforeARestartIsNotRunAgainAfterIt() throws Exception {
        Path log = dir.resolve("uplink/requests.json");
        String write = "{\"v\":1," + expiringIn(Duration.ofMinutes(10)) + "\"requestId\":\"w-1\",\"args\":"
                + "{\"device\":\"gate-1\",\"point\":\"setpoint\",\"value\":\"4.5\"}}";
        try (var broker = EmbeddedBroker.start("127.0.0.1", 0);
             var cloud = new Subscriber(broker.url(), "weir/v1/gw-cmd/reply/#")) {
            List<String> first = runGateway(broker.url(), log, () -> answered(cloud, "w-1", "modbus-write", write));
            List<String> second = runGateway(broker.url(), log, () -> await().atMost(WAIT).until(() -> {
                cloud.publish("weir/v1/gw-cmd/cmd/modbus-write", write); // the replay
                return cloud.on("weir/v1/gw-cmd/reply/w-1").size() >= 2;
            }));

            assertThat(first).filteredOn(line -> line.startsWith("ran ")).hasSize(1);
            assertThat(second).filteredOn(line -> line.startsWith("ran ")).isEmpty();
            assertThat(cloud.on("weir/v1/gw-cmd/reply/w-1")).extracting(Subscriber.Message::payload)
                    .allSatisfy(p -> assertThat(p).contains("\"ok\":true", "\"result\":{\"result\":\"verified\"}"));
        }
    }

    // ---- helpers ----

    private interface Step {
        void run() throws Exception;
    }

    /** Runs a gateway in a new JVM while {@code step} runs; stops it (its input closed); returns what it printed. */
    private static List<String> runGateway(String url, Path log, Step step) throws Exception {
        Process gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CommandTakingGateway.class.getName(), url,
                log.toString()).redirectErrorStream(true).start();
        var lines = new CopyOnWriteArrayList<String>();
        Thread reader = new Thread(() -> {
            try (var in = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        reader.start();
        try {
            await().atMost(WAIT).until(() -> lines.contains("started"));
            step.run();
        } finally {
            gateway.getOutputStream().close();
            if (!gateway.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                gateway.destroyForcibly().waitFor();
            }
            reader.join(10_000);
        }
        return lines;
    }

    /** Publishes {@code request} until its reply shows the gateway has subscribed and answered. */
    private static void answered(Subscriber cloud, String requestId, String command, String request) {
        await().atMost(WAIT).until(() -> {
            cloud.publish("weir/v1/gw-cmd/cmd/" + command, request);
            return !cloud.on("weir/v1/gw-cmd/reply/" + requestId).isEmpty();
        });
    }

    private static String reply(Subscriber cloud, String requestId) {
        await().atMost(WAIT).until(() -> !cloud.on("weir/v1/gw-cmd/reply/" + requestId).isEmpty());
        return cloud.on("weir/v1/gw-cmd/reply/" + requestId).get(0).payload();
    }

    /** What an attacker able to publish left on the broker: a retained command. */
    private static void retain(String url, String topic, String payload) throws Exception {
        var client = new MqttClient(url, "retainer-" + System.nanoTime(), new MemoryPersistence());
        client.connect(new MqttConnectOptions());
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, true);
        client.disconnect();
        client.close();
    }
}
