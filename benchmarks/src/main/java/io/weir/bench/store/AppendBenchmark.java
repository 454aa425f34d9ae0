package io.weir.bench.store;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.sqlite.SQLiteConfig;

import io.weir.api.store.MessageClass;
import io.weir.store.internal.SqliteOutbox;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Durable append throughput of the store against a plain JDBC insert loop on SQLite with the same durability
 * (WAL, synchronous=FULL, one commit per batch), and append latency with an empty store and with a backlog.
 * Each append is one poll batch of readings, as the modbus bundle appends them.
 */
@Command(name = "store-append", mixinStandardHelpOptions = true)
public final class AppendBenchmark implements Callable<Integer> {

    @Option(names = "--dir", defaultValue = "target/bench-store")
    Path dir;

    @Option(names = "--batch", defaultValue = "100", description = "Readings per append (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--appends", defaultValue = "2000", description = "Appends per measurement (default: ${DEFAULT-VALUE})")
    int appends;

    @Option(names = "--runs", defaultValue = "3")
    int runs;

    @Option(names = "--backlog", defaultValue = "1000000", description = "Rows in the store for the backlog latency")
    int backlog;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * CPU time of the appending thread per reading, in the last single-threaded measurement: what the store's
     * bookkeeping costs, which a loaded machine's scheduling and disk do not blur as they blur throughput.
     */
    private double lastCpuMicrosPerReading;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AppendBenchmark()).execute(args));
    }

    private static String reading(long i) {
        return "{\"channel\":\"62001200/radar-1/water_level\",\"ts\":\"2026-11-21T08:00:00Z\",\"value\":"
                + (3 + (i % 1000) / 1000.0) + ",\"unit\":\"m\",\"quality\":\"GOOD\"}";
    }

    private List<String> batchOf(long start) {
        var b = new ArrayList<String>(batch);
        for (int i = 0; i < batch; i++) {
            b.add(reading(start + i));
        }
        return b;
    }

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dir);
        var jdbc = new double[runs];
        var jdbcIdx = new double[runs];
        var weir1 = new double[runs];
        var weir4 = new double[runs];
        var jdbcIdxCpu = new double[runs];
        var weir1Cpu = new double[runs];
        for (int r = 0; r < runs; r++) {
            jdbc[r] = jdbcLoop(fresh("jdbc"));
            jdbcIdx[r] = jdbcLoop(fresh("jdbc-idx"), true);
            jdbcIdxCpu[r] = lastCpuMicrosPerReading;
            weir1[r] = weir(fresh("weir1"), 1);
            weir1Cpu[r] = lastCpuMicrosPerReading;
            weir4[r] = weir(fresh("weir4"), 4);
            System.out.printf("run %d: plain JDBC %.0f, plain JDBC on the store's schema %.0f, Weir 1 thread %.0f,"
                    + " Weir 4 threads %.0f readings/s%n", r + 1, jdbc[r], jdbcIdx[r], weir1[r], weir4[r]);
        }
        // Ratios are taken within each run, then the median: the machine's speed drifts between runs.
        System.out.printf("%nmedian of %d runs, %d appends of %d readings each:%n", runs, appends, batch);
        System.out.println("| writer | readings/s | vs bare loop | vs loop on the store's schema |");
        System.out.println("|---|---|---|---|");
        System.out.printf("| plain JDBC loop, bare table (WAL, synchronous=FULL, commit per batch) | %.0f | 1.00x | - |%n",
                median(jdbc));
        System.out.printf("| plain JDBC loop, the store's table and indexes | %.0f | %.2fx | 1.00x |%n",
                median(jdbcIdx), medianRatio(jdbcIdx, jdbc));
        System.out.printf("| Weir store, 1 appending thread | %.0f | %.2fx | %.2fx |%n", median(weir1),
                medianRatio(weir1, jdbc), medianRatio(weir1, jdbcIdx));
        System.out.printf("| Weir store, 4 appending threads | %.0f | %.2fx | %.2fx |%n", median(weir4),
                medianRatio(weir4, jdbc), medianRatio(weir4, jdbcIdx));
        System.out.println("\n| 1 appending thread | CPU per reading (us) | vs loop on the store's schema |");
        System.out.println("|---|---|---|");
        System.out.printf("| plain JDBC loop, the store's table and indexes | %.2f | 1.00x |%n", median(jdbcIdxCpu));
        System.out.printf("| Weir store | %.2f | %.2fx |%n", median(weir1Cpu), medianRatio(weir1Cpu, jdbcIdxCpu));

        Path latencyFile = fresh("latency");
        try (var store = SqliteOutbox.open(latencyFile)) {
            long[] empty = latencies(store, appends);
            int filled = 0;
            for (; filled < backlog; filled += 10_000) {
                var big = new ArrayList<String>(10_000);
                for (int i = 0; i < 10_000; i++) {
                    big.add(reading(filled + i));
                }
                store.append(MessageClass.TELEMETRY, big);
            }
            long[] full = latencies(store, appends);
            System.out.printf("%n| append latency (batch of %d, 1 thread) | p50 (ms) | p99 (ms) |%n", batch);
            System.out.println("|---|---|---|");
            System.out.printf("| empty store | %.2f | %.2f |%n", pct(empty, 50), pct(empty, 99));
            System.out.printf("| %,d rows waiting | %.2f | %.2f |%n", filled, pct(full, 50), pct(full, 99));
        }
        return 0;
    }

    private Path fresh(String name) throws Exception {
        Path file = dir.resolve(name + ".db");
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
        return file;
    }

    /** The bare loop: one table, no index. */
    private double jdbcLoop(Path file) throws Exception {
        return jdbcLoop(file, false);
    }

    /**
     * @param storeIndexes also create the store's two partial indexes (stored rows by class, in-flight rows by
     *                     message), so the loop writes the same pages per commit as the store's table does
     */
    private double jdbcLoop(Path file, boolean storeIndexes) throws Exception {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        try (Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE record (id INTEGER PRIMARY KEY AUTOINCREMENT, class INTEGER NOT NULL, "
                        + "body TEXT NOT NULL, msg_seq INTEGER)");
                if (storeIndexes) {
                    s.execute("CREATE INDEX record_stored ON record(class, id) WHERE msg_seq IS NULL");
                    s.execute("CREATE INDEX record_in_flight ON record(msg_seq) WHERE msg_seq IS NOT NULL");
                }
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO record(class, body) VALUES (?, ?)")) {
                for (int a = 0; a < appends; a++) {
                    for (String body : batchOf((long) a * batch)) {
                        ps.setInt(1, 1);
                        ps.setString(2, body);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    c.commit();
                }
            }
            long elapsed = System.nanoTime() - start;
            lastCpuMicrosPerReading = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e3 / ((double) appends * batch);
            return (double) appends * batch / (elapsed / 1e9);
        }
    }

    private double weir(Path file, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (var store = SqliteOutbox.open(file)) {
            int each = appends / threads;
            long start = System.nanoTime();
            var futures = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                int base = t * each;
                futures.add(pool.submit(() -> {
                    long cpu = THREADS.getCurrentThreadCpuTime();
                    for (int a = 0; a < each; a++) {
                        store.append(MessageClass.TELEMETRY, batchOf((long) (base + a) * batch));
                    }
                    if (threads == 1) {
                        lastCpuMicrosPerReading = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e3 / ((double) each
                                * batch);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return (double) each * threads * batch / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private long[] latencies(SqliteOutbox store, int count) {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            List<String> b = batchOf(i);
            long t0 = System.nanoTime();
            store.append(MessageClass.TELEMETRY, b);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static double medianRatio(double[] a, double[] b) {
        var ratios = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            ratios[i] = a[i] / b[i];
        }
        return median(ratios);
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)] / 1e6;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
