package io.weir.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import io.weir.demo.GatewayProcess;
import io.weir.demo.SiteFile;
import io.weir.simulator.broker.EmbeddedBroker;
import io.weir.simulator.field.FieldDeviceServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The gateway's first baseline: time from launching its process to the first reading published on the broker,
 * and its resident memory once it has run a while with the demo's two devices. A bare JVM with the same flags is
 * measured in the same run as the floor. Each run then stops the gateway and launches it again on the same data
 * directory, as a field gateway restarts after a reboot: the framework finds its bundles installed already.
 */
@Command(name = "gateway-baseline", mixinStandardHelpOptions = true)
public final class GatewayBaseline implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "5", description = "Launches to measure (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--settle", defaultValue = "30", description = "Seconds of running before memory is read (default: ${DEFAULT-VALUE})")
    int settleSeconds;

    @Option(names = "--gateway-jar", defaultValue = "target-platform/target/weir-gateway.jar")
    Path gatewayJar;

    @Option(names = "--profiles", defaultValue = "device-profiles/profiles")
    Path profiles;

    @Option(names = "--jvm-flags", description = "JVM flags of both JVMs, space-separated (default: the flags of the"
            + " jvm.options beside the gateway jar, as an installed gateway runs)")
    String jvmFlags;

    private List<String> flags;

    public static void main(String[] args) {
        System.exit(new CommandLine(new GatewayBaseline()).execute(args));
    }

    record Run(double firstReadingMillis, double restartMillis, long gatewayRssKib, long idleRssKib) {
    }

    @Override
    public Integer call() throws Exception {
        flags = jvmFlags == null ? GatewayProcess.shippedFlags(gatewayJar) : List.of(jvmFlags.trim().split("\\s+"));
        var results = new ArrayList<Run>();
        for (int i = 1; i <= runs; i++) {
            Run run = measureOnce();
            results.add(run);
            System.out.printf("run %d: first reading %.0f ms, after a restart %.0f ms, gateway RSS %d MiB, idle JVM RSS"
                    + " %d MiB%n", i, run.firstReadingMillis(), run.restartMillis(), run.gatewayRssKib() / 1024,
                    run.idleRssKib() / 1024);
        }
        double startup = median(results.stream().map(Run::firstReadingMillis).toList());
        double restart = median(results.stream().map(Run::restartMillis).toList());
        double gateway = median(results.stream().map(r -> (double) r.gatewayRssKib()).toList()) / 1024;
        double idle = median(results.stream().map(r -> (double) r.idleRssKib()).toList()) / 1024;
        System.out.printf("%nmedian of %d runs (%s, %d s settle):%n", runs, String.join(" ", flags), settleSeconds);
        System.out.println("| measure | Weir gateway | bare JVM, same flags | ratio |");
        System.out.println("|---|---|---|---|");
        System.out.printf("| resident memory (MiB) | %.0f | %.0f | %.2fx |%n", gateway, idle, gateway / idle);
        System.out.printf("| launch to first reading published (ms) | %.0f | - | - |%n", startup);
        System.out.printf("| the same, restarted on its data directory (ms) | %.0f | - | - |%n", restart);
        return 0;
    }

    private Run measureOnce() throws Exception {
        Path work = Files.createTempDirectory("weir-baseline");
        try (var field = FieldDeviceServer.start("127.0.0.1", 0);
             var broker = EmbeddedBroker.start("127.0.0.1", 0)) {
            var first = new AtomicReference<>(new CountDownLatch(1));
            var cloud = new MqttClient(broker.url(), "baseline-cloud", new MemoryPersistence());
            var options = new MqttConnectOptions();
            options.setCleanSession(true);
            cloud.connect(options);
            cloud.subscribe("weir/v1/+/telemetry", 1, (topic, message) -> first.get().countDown());

            var layout = new GatewayProcess.Layout(gatewayJar, work.resolve("site.yaml"), profiles,
                    work.resolve("data"), work.resolve("gateway.log"));
            Files.writeString(layout.siteFile(), SiteFile.riverStation("gw-baseline", "127.0.0.1", field.port(),
                    broker.url(), "1s"));
            Process idle = startIdleJvm(); // before the clock starts: its start-up is not the gateway's
            double firstMillis;
            long gatewayRss;
            long idleRss;
            long launched = System.nanoTime();
            try (GatewayProcess gateway = GatewayProcess.start(layout, null, flags)) {
                firstMillis = untilFirstReading(first.get(), launched, layout);
                Thread.sleep(settleSeconds * 1000L); // a benchmark, not a test: steady state needs wall time
                gatewayRss = ResidentMemory.kib(gateway.pid());
                idleRss = ResidentMemory.kib(idle.pid());
            } finally {
                idle.destroy();
                idle.waitFor();
            }
            first.set(new CountDownLatch(1));
            // the first launch has ended, its last messages delivered: what arrives now is the second's
            launched = System.nanoTime();
            double restartMillis;
            try (GatewayProcess gateway = GatewayProcess.start(layout, null, flags)) {
                restartMillis = untilFirstReading(first.get(), launched, layout);
            }
            cloud.disconnect();
            cloud.close();
            return new Run(firstMillis, restartMillis, gatewayRss, idleRss);
        }
    }

    private static double untilFirstReading(CountDownLatch first, long launchedNanos, GatewayProcess.Layout layout)
            throws InterruptedException {
        if (!first.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no reading within 120 s; see " + layout.log());
        }
        return (System.nanoTime() - launchedNanos) / 1e6;
    }

    private Process startIdleJvm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<String>();
        command.add(java);
        command.addAll(flags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), IdleJvm.class.getName()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** The median, as every whole-system benchmark here reports it. */
    public static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
