package io.weir.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.weir.bench.cloud.CpuTime;
import io.weir.demo.ConsoleToken;
import io.weir.demo.ConsoleWatch;
import io.weir.demo.GatewayProcess;
import io.weir.demo.SiteFile;
import io.weir.simulator.broker.EmbeddedBroker;
import io.weir.simulator.field.FieldDeviceServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What the station page costs the gateway: two gateways started together from the same jar with the same site (the
 * demo's river station, 1 s polls), one with the page open in a headless chromium that refreshes it as a phone does
 * (readings and alarms every 2 s, status every 5 s), the other with nobody looking. Both are measured over the
 * same window, so the machine's noise falls on both: CPU seconds of each process (utime + stime from /proc) and
 * resident memory at the end. The browser's own CPU is not the gateway's and is not counted.
 */
@Command(name = "station-page-cost", mixinStandardHelpOptions = true)
public final class StationPageCost implements Callable<Integer> {


    @Option(names = "--runs", defaultValue = "3", description = "Pairs of gateways to measure (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--settle", defaultValue = "60", description = "Seconds after the page opens before measuring (default: ${DEFAULT-VALUE})")
    int settleSeconds;

    @Option(names = "--window", defaultValue = "120", description = "Seconds measured (default: ${DEFAULT-VALUE})")
    int windowSeconds;

    @Option(names = "--gateway-jar", defaultValue = "target-platform/target/weir-gateway.jar")
    Path gatewayJar;

    @Option(names = "--profiles", defaultValue = "device-profiles/profiles")
    Path profiles;

    @Option(names = "--heap", defaultValue = "64m", description = "-Xmx of both gateways (default: ${DEFAULT-VALUE})")
    String heap;

    @Option(names = "--chromium", defaultValue = "/usr/bin/chromium")
    Path chromium;

    public static void main(String[] args) {
        System.exit(new CommandLine(new StationPageCost()).execute(args));
    }

    /** One gateway's figures over the window. */
    record Figures(double cpuSeconds, long rssKib) {
    }

    @Override
    public Integer call() throws Exception {
        var without = new ArrayList<Figures>();
        var with = new ArrayList<Figures>();
        for (int i = 1; i <= runs; i++) {
            Figures[] pair = measureOnce();
            without.add(pair[0]);
            with.add(pair[1]);
            System.out.printf("run %d: no page %.2f CPU s, %d MiB; page open %.2f CPU s, %d MiB%n", i,
                    pair[0].cpuSeconds(), pair[0].rssKib() / 1024, pair[1].cpuSeconds(), pair[1].rssKib() / 1024);
        }
        double cpuWithout = GatewayBaseline.median(without.stream().map(Figures::cpuSeconds).toList());
        double cpuWith = GatewayBaseline.median(with.stream().map(Figures::cpuSeconds).toList());
        double rssWithout = GatewayBaseline.median(without.stream().map(f -> (double) f.rssKib()).toList()) / 1024;
        double rssWith = GatewayBaseline.median(with.stream().map(f -> (double) f.rssKib()).toList()) / 1024;
        System.out.printf("%nmedian of %d runs (-Xmx%s, %d s settle, %d s window):%n", runs, heap, settleSeconds,
                windowSeconds);
        System.out.println("| measure | gateway, page open | same gateway, no page | ratio |");
        System.out.println("|---|---|---|---|");
        System.out.printf("| CPU, %% of one core | %.2f | %.2f | %.2fx |%n", 100 * cpuWith / windowSeconds,
                100 * cpuWithout / windowSeconds, cpuWith / cpuWithout);
        System.out.printf("| resident memory (MiB) | %.0f | %.0f | %.2fx |%n", rssWith, rssWithout,
                rssWith / rssWithout);
        return 0;
    }

    private Figures[] measureOnce() throws Exception {
        Path work = Files.createTempDirectory("weir-station-page");
        try (var field = FieldDeviceServer.start("127.0.0.1", 0);
             var broker = EmbeddedBroker.start("127.0.0.1", 0);
             var quiet = new Gateway(work.resolve("quiet"), "gw-no-page", field, broker);
             var watched = new Gateway(work.resolve("watched"), "gw-page", field, broker)) {
            watched.awaitConsole();
            quiet.awaitConsole();
            int port = watched.console.port();
            String token = watched.token;
            Process browser = new ProcessBuilder(chromium.toString(), "--headless=new", "--no-sandbox",
                    "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + Files.createDirectories(work.resolve("chromium")),
                    "http://127.0.0.1:" + port + "/#token=" + token)
                    .redirectErrorStream(true).redirectOutput(work.resolve("chromium.log").toFile()).start();
            try {
                Thread.sleep(settleSeconds * 1000L); // a benchmark, not a test: steady state needs wall time
                double quietStart = CpuTime.ofProcess(quiet.process.pid());
                double watchedStart = CpuTime.ofProcess(watched.process.pid());
                Thread.sleep(windowSeconds * 1000L);
                if (!browser.isAlive()) {
                    throw new IllegalStateException("chromium exited; see " + work.resolve("chromium.log"));
                }
                return new Figures[] {
                    new Figures(CpuTime.ofProcess(quiet.process.pid()) - quietStart,
                            ResidentMemory.kib(quiet.process.pid())),
                    new Figures(CpuTime.ofProcess(watched.process.pid()) - watchedStart,
                            ResidentMemory.kib(watched.process.pid()))};
            } finally {
                browser.destroy();
                browser.waitFor();
            }
        }
    }

    /** A gateway process with its console on a free port, which it reports in its log. */
    private final class Gateway implements AutoCloseable {
        final ConsoleWatch console = new ConsoleWatch();
        final GatewayProcess process;
        final String token;

        Gateway(Path dir, String id, FieldDeviceServer field, EmbeddedBroker broker) throws Exception {
            Files.createDirectories(dir);
            var layout = new GatewayProcess.Layout(gatewayJar, dir.resolve("site.yaml"), profiles,
                    dir.resolve("data"), dir.resolve("gateway.log"));
            Files.writeString(layout.siteFile(), SiteFile.riverStation(id, "127.0.0.1", field.port(), broker.url(),
                    "1s"));
            token = ConsoleToken.create(layout.siteFile());
            process = GatewayProcess.start(layout, console, "-Xmx" + heap, "-Dweir.console.port=0");
        }

        /** Until the configured console serves the site's readings (at most 3 minutes on a loaded machine). */
        void awaitConsole() throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!console.serving(token, "radar-1")) {
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("the console of " + process.pid() + " never served readings");
                }
                Thread.sleep(500);
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.close();
        }
    }
}
