package io.weir.bench.rules;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import io.weir.api.AlarmEvent;
import io.weir.api.Reading;
import io.weir.rules.internal.RulesBenchFleet;
import io.weir.testing.TestClock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Rules engine figures for docs/benchmarks.md: readings/s with 1,000 rules active, the latency from a reading to
 * its alarm event (p50/p99), and the heap one rule and one rain gauge's windows (its ledger) hold. One thread, as
 * the gateway's engine is serialised. Time is the readings' own (10 s between rounds), moved by the harness.
 */
@Command(name = "rules-benchmark", mixinStandardHelpOptions = true)
public final class RulesBenchmark implements Callable<Integer> {

    static final Instant T0 = Instant.parse("2021-07-20T00:00:00Z");
    static final Duration STEP = Duration.ofSeconds(10);
    static final int BATCH = 8;
    static final String PROBE = "62001200/probe/water_level";

    @Option(names = "--level-channels", defaultValue = "200", description = "4 rules each")
    int levelChannels;
    @Option(names = "--rain-gauges", defaultValue = "199", description = "1 rule each; +1 probe rule = 1,000")
    int rainGauges;
    @Option(names = "--runs", defaultValue = "5")
    int runs;
    @Option(names = "--rounds", defaultValue = "3000", description = "rounds of every channel per throughput run")
    int rounds;
    @Option(names = "--probes", defaultValue = "20000", description = "latency samples per run, state in memory")
    int probes;
    @Option(names = "--disk-probes", defaultValue = "2000", description = "latency samples per run, state on disk")
    int diskProbes;
    @Option(names = "--state-dir", defaultValue = "/tmp/weir-bench-rules")
    Path stateDir;
    @Option(names = "--instances", defaultValue = "20000", description = "objects per memory measure")
    int instances;
    @Option(names = "--parts", defaultValue = "throughput,throughput-disk,latency,latency-disk,memory",
            description = "which measures to run, comma-separated")
    String parts;

    /** The engine's thread's own CPU time: on a machine shared with other builds, wall time measures them too. */
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        System.exit(new CommandLine(new RulesBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        System.out.printf(Locale.ROOT, "java %s, %d cpus, max heap %d MiB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        List<String> wanted = List.of(parts.split(","));
        if (wanted.contains("throughput")) {
            throughput(false);
        }
        if (wanted.contains("throughput-disk")) {
            throughput(true);
        }
        if (wanted.contains("latency")) {
            latency(false, probes);
        }
        if (wanted.contains("latency-disk")) {
            latency(true, diskProbes);
        }
        if (wanted.contains("memory")) {
            memory();
        }
        return 0;
    }

    /** Readings of every channel at one round's time, in batches of 8 as polls deliver them. */
    final class Workload {
        final SplittableRandom random = new SplittableRandom(42);
        final long[] counts = new long[rainGauges];
        final String[] levels = new String[levelChannels];
        final String[] rains = new String[rainGauges];

        Workload() {
            for (int i = 0; i < levelChannels; i++) {
                levels[i] = RulesBenchFleet.levelChannel(i);
            }
            for (int i = 0; i < rainGauges; i++) {
                rains[i] = RulesBenchFleet.rainChannel(i);
                counts[i] = random.nextInt(65536);
            }
        }

        /** Levels swing 1.5..3.5 m over 6 h (crossing blue and yellow); gauges tip at 0-20 mm/h. */
        List<List<Reading>> round(int r) {
            Instant at = T0.plus(STEP.multipliedBy(r));
            double seconds = STEP.getSeconds() * (double) r;
            var all = new ArrayList<Reading>(levelChannels + rainGauges);
            for (int i = 0; i < levelChannels; i++) {
                double v = 2.5 + Math.sin(2 * Math.PI * seconds / 21_600 + i * 0.618);
                all.add(Reading.good(levels[i], at, Math.round(v * 1000) / 1000.0, "m"));
            }
            for (int i = 0; i < rainGauges; i++) {
                counts[i] = (counts[i] + (random.nextInt(100) < 20 ? 1 : 0)) % 65536;
                all.add(Reading.good(rains[i], at, counts[i] / 10.0, "mm"));
            }
            var batches = new ArrayList<List<Reading>>();
            for (int from = 0; from < all.size(); from += BATCH) {
                batches.add(List.copyOf(all.subList(from, Math.min(all.size(), from + BATCH))));
            }
            return batches;
        }
    }

    RulesBenchFleet fleet(boolean disk) throws IOException {
        Optional<Path> dir = Optional.empty();
        if (disk) {
            deleteState();
            dir = Optional.of(Files.createDirectories(stateDir));
        }
        var fleet = new RulesBenchFleet(new TestClock(T0), dir);
        for (int i = 0; i < levelChannels; i++) {
            fleet.addLevelChannel(RulesBenchFleet.levelChannel(i));
        }
        for (int i = 0; i < rainGauges; i++) {
            fleet.addRainGauge(RulesBenchFleet.rainChannel(i));
        }
        fleet.addProbe(PROBE);
        return fleet;
    }

    void deleteState() throws IOException {
        for (String name : new String[] {"alarms.state", "windows.state"}) {
            Files.deleteIfExists(stateDir.resolve(name));
        }
    }

    void throughput(boolean disk) throws IOException {
        double[] rates = new double[runs];
        double[] cpuRates = new double[runs];
        long events = 0;
        int rules = 0;
        for (int run = -1; run < runs; run++) { // run -1 warms up
            RulesBenchFleet fleet = fleet(disk);
            rules = fleet.rules();
            long[] count = {0};
            fleet.addAlarmListener(e -> count[0]++);
            var workload = new Workload();
            long readings = 0;
            long nanos = 0;
            long cpuNanos = 0;
            final int chunk = 100;
            for (int from = 0; from < rounds; from += chunk) {
                var chunkRounds = new ArrayList<List<List<Reading>>>();
                for (int r = from; r < Math.min(rounds, from + chunk); r++) {
                    chunkRounds.add(workload.round(r));
                }
                long start = System.nanoTime();
                long cpuStart = CPU.getCurrentThreadCpuTime();
                for (int k = 0; k < chunkRounds.size(); k++) {
                    fleet.clock().set(T0.plus(STEP.multipliedBy(from + k)));
                    for (List<Reading> batch : chunkRounds.get(k)) {
                        fleet.onReadings(batch);
                        readings += batch.size();
                    }
                }
                nanos += System.nanoTime() - start;
                cpuNanos += CPU.getCurrentThreadCpuTime() - cpuStart;
            }
            fleet.close();
            if (run >= 0) {
                rates[run] = readings / (nanos / 1e9);
                cpuRates[run] = readings / (cpuNanos / 1e9);
                events = count[0];
                System.out.printf(Locale.ROOT, "throughput %s run %d: %d rules, %d readings, %d events, %.0f"
                        + " readings/s, %.0f per CPU second%n", disk ? "disk" : "memory", run, rules, readings,
                        events, rates[run], cpuRates[run]);
            }
        }
        System.out.printf(Locale.ROOT, "RESULT throughput state=%s rules=%d median readings per CPU second=%.0f%n",
                disk ? "disk" : "memory", rules, median(cpuRates));
        System.out.printf(Locale.ROOT, "RESULT throughput state=%s rules=%d median readings/s=%.0f"
                + " (events per run %d, simulated %s)%n", disk ? "disk" : "memory", rules, median(rates), events,
                STEP.multipliedBy(rounds));
    }

    void latency(boolean disk, int samples) throws IOException {
        double[] p50 = new double[runs];
        double[] p99 = new double[runs];
        double[] max = new double[runs];
        for (int run = -1; run < runs; run++) {
            RulesBenchFleet fleet = fleet(disk);
            long[] sentAt = {0};
            long[] latencies = new long[samples];
            int[] n = {0};
            fleet.addAlarmListener((AlarmEvent e) -> {
                if (e.ruleId().equals("probe") && n[0] < samples) {
                    latencies[n[0]++] = System.nanoTime() - sentAt[0];
                }
            });
            var workload = new Workload();
            for (int r = 0; r < samples; r++) {
                fleet.clock().set(T0.plus(STEP.multipliedBy(r)));
                List<List<Reading>> batches = workload.round(r);
                for (int b = 0; b < batches.size() - 1; b++) {
                    fleet.onReadings(batches.get(b));
                }
                var last = new ArrayList<>(batches.get(batches.size() - 1));
                last.add(Reading.good(PROBE, T0.plus(STEP.multipliedBy(r)), r % 2 == 0 ? 5.0 : 0.0, "m"));
                sentAt[0] = System.nanoTime();
                fleet.onReadings(last);
            }
            fleet.close();
            if (n[0] != samples) {
                throw new IllegalStateException("expected " + samples + " probe events, got " + n[0]);
            }
            if (run >= 0) {
                Arrays.sort(latencies);
                p50[run] = latencies[samples / 2] / 1e6;
                p99[run] = latencies[(int) Math.ceil(samples * 0.99) - 1] / 1e6;
                max[run] = latencies[samples - 1] / 1e6;
                System.out.printf(Locale.ROOT, "latency %s run %d: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                        disk ? "disk" : "memory", run, p50[run], p99[run], max[run]);
            }
        }
        System.out.printf(Locale.ROOT, "RESULT latency state=%s samples=%d median p50=%.3f ms p99=%.3f ms"
                + " max=%.3f ms%n", disk ? "disk" : "memory", samples, median(p50), median(p99), median(max));
    }

    void memory() {
        for (RulesBenchFleet.Kind kind : RulesBenchFleet.Kind.values()) {
            double[] perObject = new double[runs];
            long estimate = 0;
            for (int run = -1; run < runs; run++) {
                long before = usedAfterGc();
                List<Object> made = RulesBenchFleet.build(kind, instances, T0);
                long after = usedAfterGc();
                estimate = RulesBenchFleet.estimate(made.get(0));
                if (run >= 0) {
                    // the list's own array (4 or 8 bytes a slot) is part of the delta: take it out
                    perObject[run] = (after - before) / (double) instances - 4;
                }
                if (made.size() != instances) {
                    throw new IllegalStateException();
                }
            }
            System.out.printf(Locale.ROOT, "RESULT memory %s measured=%.0f bytes estimate(retainedBytes)=%d bytes"
                    + " (median of %d runs of %d objects)%n", kind, median(perObject), estimate, runs, instances);
        }
    }

    static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
