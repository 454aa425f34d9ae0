package io.weir.bench.modbus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import io.weir.api.Quality;
import io.weir.api.profile.DataType;
import io.weir.api.profile.DeviceProfile;
import io.weir.api.profile.Point;
import io.weir.api.profile.WordOrder;
import io.weir.modbus.internal.ModbusBenchAccess;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Ten gauges on one RS-485 bus (a socat pty pair at 9600 baud, paced by {@link PacedRtuSlave}), each polled every
 * second by Weir's device component on the bus's one shared endpoint. One run with all ten answering, one with
 * unit 10 dead (it takes requests and never answers; its profile timeout is 500 ms): the healthy devices' actual
 * poll period, from one delivered batch to the next, against the configured 1,000 ms.
 */
@Command(name = "modbus-dead-device", mixinStandardHelpOptions = true)
public final class DeadDeviceBenchmark implements Callable<Integer> {

    @Option(names = "--seconds", defaultValue = "90", description = "Length of each run")
    int seconds;

    @Option(names = "--baud", defaultValue = "9600")
    int baud;

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    public static void main(String[] args) {
        System.exit(new CommandLine(new DeadDeviceBenchmark()).execute(args));
    }

    /** A level gauge: six values in one block of registers. */
    private static DeviceProfile gauge() {
        var points = new ArrayList<Point>();
        for (int i = 0; i < 6; i++) {
            points.add(new Point("v" + i, 3, i, DataType.UINT16, WordOrder.ABCD, 0.001, 0, "m"));
        }
        return new DeviceProfile("gauge", "Bench", "gauge", 16, 500, points, List.of(), 8);
    }

    @Override
    public Integer call() throws Exception {
        report("all 10 answering", run(Set.of()));
        report("unit 10 dead", run(Set.of(10)));
        return 0;
    }

    /** Periods in ms; bad values from healthy devices; when (s from start) the periods above 1.1 s ended. */
    private record Periods(List<Double> millis, long bad, java.util.SortedSet<String> stretchedAt) {
    }

    private Periods run(Set<Integer> dead) throws Exception {
        Path dir = Files.createTempDirectory("weir-dead-bench");
        Map<Integer, List<Long>> deliveries = new ConcurrentHashMap<>();
        Map<Integer, Long> bad = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        try (var line = new VirtualSerialPair(dir);
             var slave = new PacedRtuSlave(line.deviceEnd, baud, Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), dead);
             var site = new ModbusBenchAccess.Site()) {
            for (int unit = 1; unit <= 10; unit++) {
                int u = unit;
                deliveries.put(u, Collections.synchronizedList(new ArrayList<>()));
                site.startRtuDevice("gauge-" + u, u, gauge(), line.gatewayEnd.toString(), baud, INTERVAL,
                        readings -> {
                            deliveries.get(u).add(System.nanoTime());
                            if (!dead.contains(u)) {
                                bad.merge(u, readings.stream().filter(r -> r.quality() != Quality.GOOD).count(),
                                        Long::sum);
                            }
                        });
            }
            Thread.sleep(seconds * 1000L); // the harness measures wall-clock periods over this window
        }
        var periods = new ArrayList<Double>();
        var stretched = new java.util.TreeSet<String>(java.util.Comparator.comparingInt(
                (String t) -> Integer.parseInt(t.replace(" s", ""))));
        deliveries.forEach((unit, times) -> {
            if (dead.contains(unit)) {
                return;
            }
            // the first 3 s are the port opening and the devices falling into step
            List<Long> steady = times.subList(Math.min(3, times.size()), times.size());
            for (int i = 1; i < steady.size(); i++) {
                periods.add((steady.get(i) - steady.get(i - 1)) / 1e6);
                if (steady.get(i) - steady.get(i - 1) > 1_100_000_000L) {
                    stretched.add(String.format(Locale.ROOT, "%.0f s", (steady.get(i) - start) / 1e9));
                }
            }
        });
        return new Periods(periods, bad.values().stream().mapToLong(Long::longValue).sum(), stretched);
    }

    private void report(String label, Periods p) {
        List<Double> sorted = p.millis().stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2);
        double p95 = sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1);
        double max = sorted.get(sorted.size() - 1);
        long over = sorted.stream().filter(v -> v > 1.1 * INTERVAL.toMillis()).count();
        System.out.printf(Locale.ROOT, "%-18s healthy devices' poll period over %d s: median %.1f ms (%.3fx),"
                + " p95 %.1f ms (%.3fx), max %.1f ms; %d of %d periods above 1,100 ms; bad values from healthy"
                + " devices %d%s%n", label, seconds, median, median / INTERVAL.toMillis(), p95,
                p95 / INTERVAL.toMillis(), max, over, sorted.size(), p.bad(),
                p.stretchedAt().isEmpty() ? "" : "; stretched periods around " + p.stretchedAt());
    }
}
