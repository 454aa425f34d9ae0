package io.weir.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.api.SiteInfo;
import io.weir.simulator.broker.EmbeddedBroker;
import io.weir.store.internal.SqliteOutbox;
import io.weir.testing.Patience;

/**
 * Nothing acknowledged is lost: a child JVM appends at full speed and is killed with SIGKILL at a random moment,
 * again and again on the same store file; then the store is drained through a real broker and the cloud side sees
 * every acknowledged reading exactly once after dropping copies by (gatewayId, seq).
 */
class CrashTest {

    private static final int KILLS = 20;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedAppendSurvivesSigkillAndIsDeliveredExactlyOnce() throws Exception {
        Path file = dir.resolve("store.db");
        long seed = System.nanoTime();
        var random = new Random(seed);
        Set<String> acknowledged = new LinkedHashSet<>();
        for (int run = 0; run < KILLS; run++) {
            int killAfter = 1 + random.nextInt(400);
            Set<String> acked = runAndKill(file, "r" + run, killAfter);
            assertThat(acked).as("seed %d run %d: acknowledgements before the kill", seed, run).isNotEmpty();
            Set<String> stored = storedIds(file);
            assertThat(stored).as("seed %d run %d: acknowledged records still in the store", seed, run)
                    .containsAll(acked);
            acknowledged.addAll(acked);
        }

        try (var broker = EmbeddedBroker.start("127.0.0.1", 0);
             var cloud = new Subscriber(broker.url(), "weir/v1/gw-crash/#");
             var store = SqliteOutbox.open(file)) {
            var site = new SiteInfo("gw-crash", "62001200", "Yuxi River Station", 30.27, 120.15);
            var options = new UplinkOptions(broker.url(), "", new char[0], List.of(), 16, 500, 30,
                    Duration.ofSeconds(1));
            var uplink = new MqttUplink(site, store, options, Map.of(), Clock.systemUTC());
            try {
                await().atMost(Duration.ofSeconds(40)).until(() -> {
                    var s = store.stats();
                    return s.storedTelemetry() == 0 && s.inFlightMessages() == 0;
                });
                await().atMost(Patience.LOCAL).until(() ->
                        new Delivered(cloud.received()).seqOfId.keySet().containsAll(acknowledged));
                var delivered = new Delivered(cloud.received());
                assertThat(delivered.duplicatedIds).as("a record in two different messages").isEmpty();
                System.out.printf("crash test: %d kills, %d acknowledged readings, %d delivered readings in %d "
                                + "messages (%d copies dropped), 0 lost%n", KILLS, acknowledged.size(),
                        delivered.seqOfId.size(), delivered.messages.size(), delivered.copiesDropped);
            } finally {
                uplink.stop();
            }
        }
    }

    private Set<String> runAndKill(Path file, String run, int killAfter) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path err = dir.resolve(run + ".err");
        Process child = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                AppendingChild.class.getName(), file.toString(), run, "4")
                .redirectError(err.toFile()).start();
        var acked = new HashSet<String>();
        try (var in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            int lines = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                acked.addAll(AppendingChild.ids(line));
                if (++lines == killAfter) {
                    // kill(1) rather than destroyForcibly(), which would also close our end of the child's stdout
                    // and lose the acknowledgements already flushed into the pipe.
                    new ProcessBuilder("kill", "-KILL", Long.toString(child.pid())).inheritIO().start().waitFor();
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        if (acked.isEmpty()) {
            throw new AssertionError("child printed nothing: " + Files.readString(err));
        }
        return acked;
    }

    private static Set<String> storedIds(Path file) throws Exception {
        var ids = new HashSet<String>();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT body FROM record")) {
            while (rs.next()) {
                String body = rs.getString(1);
                ids.add(body.substring(7, body.length() - 2));
            }
        }
        return ids;
    }
}
