package io.weir.sl651.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import io.weir.simulator.sl651.RtuFrames;
import io.weir.simulator.sl651.SimulatedRtu;

/**
 * The SL 651 centre with many stations connected at once. The centre (the bundle's real component, a reading
 * listener that only counts) runs in this JVM; the stations (the simulator's RTUs, one TCP connection each) run in
 * a child JVM, so the centre's heap is measured alone. Per run: connect N stations, each sends one timed report and
 * gets its acknowledgement; the centre's heap after GC is taken before and after (per connected station); then the
 * stations report as fast as the acknowledgements come for S seconds, from 8 threads.
 *
 * <pre>java -cp benchmarks/target/weir-benchmarks.jar io.weir.sl651.internal.Sl651CentreBenchmark --stations 10000 --runs 3 --seconds 10</pre>
 */
public final class Sl651CentreBenchmark {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--client")) {
            client(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        int stations = intArg(args, "--stations", 10_000);
        int runs = intArg(args, "--runs", 3);
        int seconds = intArg(args, "--seconds", 10);
        System.out.printf(Locale.ROOT, "SL 651 centre: %d stations, %d runs, %d s of reports each; %d cores, %s%n",
                stations, runs, seconds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        for (int run = 1; run <= runs; run++) {
            run(run, stations, seconds);
        }
    }

    private static void run(int run, int stations, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("weir-sl651-bench");
        var registry = new StationRegistry();
        for (int i = 0; i < stations; i++) {
            registry.put(new Station(code(i), 0x1234));
        }
        var counted = new AtomicLong();
        var options = new CentreOptions("62001200", "127.0.0.1", 0, -1, BEIJING, Markers.ESC, stations + 100,
                Duration.ofMinutes(30), 4);
        var centre = new CentreComponent(options, registry, dir, Clock.systemUTC());
        centre.addReadingListener(batch -> counted.addAndGet(batch.size()));
        centre.start();
        long before = heapAfterGc();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), Sl651CentreBenchmark.class.getName(),
                "--client", String.valueOf(centre.tcpPort()), String.valueOf(stations), String.valueOf(seconds))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String ready = out.readLine();
        int connected = centre.openConnections();
        long after = heapAfterGc();
        long reportsBefore = centre.counters().reportsAccepted.get();
        child.getOutputStream().write('\n');
        child.getOutputStream().flush();
        String result = out.readLine();
        long reports = centre.counters().reportsAccepted.get() - reportsBefore;
        child.waitFor();
        System.out.printf(Locale.ROOT, "run %d: %s; stations connected at once %d; heap per connected station %,d"
                        + " bytes (%.1f MiB for all); %s; reports acknowledged %d in %d s = %,.0f reports/s; failures"
                        + " %d%n", run, ready, connected, (after - before) / Math.max(1, connected),
                (after - before) / 1048576.0, result, reports, seconds, reports / (double) seconds,
                centre.counters().storeFailed.get() + centre.counters().malformed.get());
        centre.stop();
    }

    /** The stations: connect all, one report each, then report for {@code seconds} from 8 threads. */
    private static void client(int port, int stations, int seconds) throws Exception {
        var rtus = new ArrayList<SimulatedRtu>(stations);
        LocalDateTime t = LocalDateTime.of(2026, 7, 18, 9, 0);
        Duration reply = Duration.ofSeconds(30);
        int failed = 0;
        for (int i = 0; i < stations; i++) {
            var rtu = new SimulatedRtu("127.0.0.1", port, code(i), 0x1234, 1, RtuFrames.Encoding.HEX);
            rtus.add(rtu);
            if (rtu.timed(t, 0.5, 10, 2.5, 12.5, reply) == null) {
                failed++;
            }
        }
        System.out.println("connected " + stations + " stations, " + failed + " first reports unanswered");
        System.out.flush();
        System.in.read();
        int threads = 8;
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        var sent = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int first = w;
            Thread th = new Thread(() -> {
                int k = 0;
                LocalDateTime obs = t;
                while (System.nanoTime() < deadline) {
                    int i = first + threads * (k++ % Math.max(1, stations / threads));
                    if (i >= rtus.size()) {
                        k = 0;
                        continue;
                    }
                    obs = obs.plusMinutes(5);
                    try {
                        if (rtus.get(i).timed(obs, 0.5, 10, 2.5, 12.5, reply) != null) {
                            sent.incrementAndGet();
                        }
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            workers.add(th);
            th.start();
        }
        for (Thread th : workers) {
            th.join();
        }
        System.out.println("stations saw " + sent.get() + " acknowledgements");
        System.out.flush();
        for (SimulatedRtu rtu : rtus) {
            rtu.close();
        }
    }

    private static String code(int i) {
        return String.format(Locale.ROOT, "%010d", 6_200_000_000L + i);
    }

    private static long heapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200); // the benchmark's own pacing of GC, not a test waiting for a condition
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static int intArg(String[] args, String name, int absent) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return absent;
    }
}
