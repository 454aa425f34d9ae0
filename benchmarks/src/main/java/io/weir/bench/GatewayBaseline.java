package io.weir.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import io.weir.cli.TrainingRun;
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
 * directory, twice, as a field gateway restarts after a reboot: the framework finds its bundles installed already.
 * Before the first launch the class-data sharing archive is written as the package writes it when it is installed
 * ({@code weir archive-classes}), unless {@code --untrained}.
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

    @Option(names = "--untrained", description = "Launch a new gateway as `java -jar` does, without the class-data"
            + " sharing archive the package's training run writes at install (weir archive-classes)")
    boolean untrained;

    @Option(names = "--upgrade-from", paramLabel = "JAR", description = "An older weir-gateway.jar (jvm.options beside"
            + " it) that runs on the data directory first, until its first reading, and is stopped: the first launch"
            + " measured is then the first start after an upgrade, with the older runtime's bundles installed")
    Path upgradeFrom;

    @Option(names = "--keep", description = "Keep each run's directory (site file, data directory, the gateway's"
            + " logs) instead of deleting it after a successful run")
    boolean keep;

    private List<String> flags;

    public static void main(String[] args) {
        System.exit(new CommandLine(new GatewayBaseline()).execute(args));
    }

    /**
     * One run: three launches on one data directory. The first is a new gateway's (the framework installs its
     * bundles and the site loader writes the first configuration; the JVM maps the archive the training run wrote,
     * or with {@code --untrained} writes one when it stops, io.weir.cli.ClassDataArchive); the second is the first
     * restart (with {@code --untrained} it checks that archive once and maps it); the third is what every later
     * start of a field gateway is.
     * Resident memory is read in the first life and in the second, each after the settle time.
     */
    record Run(double firstReadingMillis, double restartMillis, double laterRestartMillis, long firstLifeRssKib,
               long gatewayRssKib, long idleRssKib) {
    }

    @Override
    public Integer call() throws Exception {
        flags = jvmFlags == null ? GatewayProcess.shippedFlags(gatewayJar) : List.of(jvmFlags.trim().split("\\s+"));
        var results = new ArrayList<Run>();
        for (int i = 1; i <= runs; i++) {
            Run run = measureOnce();
            results.add(run);
            System.out.printf("run %d: first reading %.0f ms, after a restart %.0f ms, after later restarts %.0f ms,"
                    + " gateway RSS %d MiB (first life %d MiB), idle JVM RSS %d MiB%n", i, run.firstReadingMillis(),
                    run.restartMillis(), run.laterRestartMillis(), run.gatewayRssKib() / 1024,
                    run.firstLifeRssKib() / 1024, run.idleRssKib() / 1024);
        }
        double startup = median(results.stream().map(Run::firstReadingMillis).toList());
        double restart = median(results.stream().map(Run::restartMillis).toList());
        double later = median(results.stream().map(Run::laterRestartMillis).toList());
        double gateway = median(results.stream().map(r -> (double) r.gatewayRssKib()).toList()) / 1024;
        double firstLife = median(results.stream().map(r -> (double) r.firstLifeRssKib()).toList()) / 1024;
        double idle = median(results.stream().map(r -> (double) r.idleRssKib()).toList()) / 1024;
        System.out.printf("%nmedian of %d runs (%s, %d s settle):%n", runs, String.join(" ", flags), settleSeconds);
        System.out.println("| measure | Weir gateway | bare JVM, same flags | ratio |");
        System.out.println("|---|---|---|---|");
        System.out.printf("| resident memory, restarted (MiB) | %.0f | %.0f | %.2fx |%n", gateway, idle, gateway / idle);
        System.out.printf("| resident memory, first life (MiB) | %.0f | %.0f | %.2fx |%n", firstLife, idle,
                firstLife / idle);
        System.out.printf("| launch to first reading published%s (ms) | %.0f | - | - |%n",
                upgradeFrom == null ? "" : ", first start after the upgrade", startup);
        System.out.printf("| the same, restarted on its data directory (ms) | %.0f | - | - |%n", restart);
        System.out.printf("| the same, restarted again (ms) | %.0f | - | - |%n", later);
        return 0;
    }

    private Run measureOnce() throws Exception {
        Path work = Files.createTempDirectory("weir-baseline");
        Run run = measureIn(work);
        if (keep) {
            System.out.println("kept " + work);
            return run;
        }
        // each run leaves a framework storage and a store of tens of MiB; a failed one keeps them, and its logs
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        return run;
    }

    private Run measureIn(Path work) throws Exception {
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
            if (upgradeFrom != null) {
                var older = new GatewayProcess.Layout(upgradeFrom, layout.siteFile(), profiles, layout.dataDir(),
                        work.resolve("older.log"));
                launch(older, first, false);
            }
            if (!untrained) {
                // as the package's postinst does, before the gateway's first start: io.weir.cli.TrainingRun
                TrainingRun.ensure(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        layout.dataDir(), gatewayJar, flags, Duration.ofMinutes(2));
            }
            Process idle = startIdleJvm(); // before the clock starts: its start-up is not the gateway's
            try {
                Launch firstLife = launch(layout, first, true);
                Launch restarted = launch(layout, first, true);
                long idleRss = ResidentMemory.kib(idle.pid());
                Launch later = launch(layout, first, false);
                return new Run(firstLife.millis(), restarted.millis(), later.millis(), firstLife.rssKib(),
                        restarted.rssKib(), idleRss);
            } finally {
                idle.destroy();
                idle.waitFor();
                cloud.disconnect();
                cloud.close();
            }
        }
    }

    private record Launch(double millis, long rssKib) {
    }

    /** Launches the gateway, times its first reading, optionally lets it settle and reads its memory, stops it. */
    private Launch launch(GatewayProcess.Layout layout, AtomicReference<CountDownLatch> first, boolean settle)
            throws Exception {
        // the last launch has ended, its last messages delivered: what arrives now is this one's
        first.set(new CountDownLatch(1));
        long launched = System.nanoTime();
        try (GatewayProcess gateway = GatewayProcess.start(layout, null, flags)) {
            double millis = untilFirstReading(first.get(), launched, layout);
            if (!settle) {
                return new Launch(millis, -1);
            }
            Thread.sleep(settleSeconds * 1000L); // a benchmark, not a test: steady state needs wall time
            return new Launch(millis, ResidentMemory.kib(gateway.pid()));
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
