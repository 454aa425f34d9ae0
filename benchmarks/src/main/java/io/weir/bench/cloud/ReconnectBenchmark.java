package io.weir.bench.cloud;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

import io.weir.cloud.CloudAdapter;
import io.weir.cloud.CloudAdapterConfig;
import io.weir.cloud.ServiceOptions;
import io.weir.simulator.broker.EmbeddedBroker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How long after a broker outage the cloud adapter is connected again: a real broker (embedded Artemis) is stopped,
 * kept down for {@code --outage} seconds, started again on the same port, and the time from its return until the
 * adapter reports itself connected is measured. The peer, in the same run against the same broker: a Paho MQTT v5
 * client with Paho's own automatic reconnect set as the adapter had it before issue 17 (delays 1 .. 30 s), which in
 * fact keeps doubling to 128 s.
 */
@Command(name = "reconnect-benchmark", mixinStandardHelpOptions = true)
public final class ReconnectBenchmark implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "3", description = "outages (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--outage", defaultValue = "70", description = "seconds the broker stays down "
            + "(default: ${DEFAULT-VALUE}: past Paho's 64 s step)")
    int outageSeconds;

    @Option(names = "--max", defaultValue = "30", description = "the adapter's --mqtt-reconnect-max in seconds "
            + "(default: ${DEFAULT-VALUE})")
    int maxSeconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReconnectBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createDirectories(Path.of("benchmarks/target/bench-reconnect"));
        EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0);
        int port = broker.port();
        CloudAdapterConfig config = CloudAdapterConfig.of(broker.url(), "bench-reconnect",
                "jdbc:sqlite:" + dir.resolve("cloud-" + System.nanoTime() + ".db"), URI.create("http://127.0.0.1:9/"),
                "bench", "bench-secret").withHttp("127.0.0.1", -1)
                .withService(ServiceOptions.defaults().withMqttReconnect(Duration.ofSeconds(1),
                        Duration.ofSeconds(maxSeconds)));
        List<Double> ours = new ArrayList<>();
        List<Double> paho = new ArrayList<>();
        try (CloudAdapter adapter = CloudAdapter.start(config)) {
            MqttAsyncClient peer = new MqttAsyncClient(broker.url(), "bench-paho-auto", new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setAutomaticReconnect(true);
            options.setAutomaticReconnectDelay(1, maxSeconds);
            peer.connect(options).waitForCompletion(30_000);
            for (int run = 1; run <= runs; run++) {
                broker.close();
                while (adapter.isConnected() || peer.isConnected()) {
                    Thread.sleep(10);
                }
                Thread.sleep(outageSeconds * 1000L);
                broker = EmbeddedBroker.start("127.0.0.1", port);
                long back = System.nanoTime();
                double adapterSeconds = -1;
                double pahoSeconds = -1;
                while (adapterSeconds < 0 || pahoSeconds < 0) {
                    double elapsed = (System.nanoTime() - back) / 1e9;
                    if (adapterSeconds < 0 && adapter.isConnected()) {
                        adapterSeconds = elapsed;
                    }
                    if (pahoSeconds < 0 && peer.isConnected()) {
                        pahoSeconds = elapsed;
                    }
                    if (elapsed > 300) {
                        break;
                    }
                    Thread.sleep(10);
                }
                ours.add(adapterSeconds);
                paho.add(pahoSeconds);
                System.out.printf(Locale.ROOT, "run %d: broker down %d s; connected again after it was back: "
                        + "adapter %.1f s, Paho automatic reconnect %.1f s%n", run, outageSeconds, adapterSeconds,
                        pahoSeconds);
            }
            peer.disconnectForcibly(1000);
            peer.close();
        } finally {
            broker.close();
        }
        System.out.printf(Locale.ROOT, "median of %d: adapter %.1f s (max %d s), Paho automatic reconnect %.1f s%n",
                runs, median(ours), maxSeconds, median(paho));
        return 0;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
