package io.weir.bench.cloud;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.weir.cloud.CloudAdapter;
import io.weir.cloud.CloudAdapterConfig;
import io.weir.simulator.broker.EmbeddedBroker;
import io.weir.simulator.county.CountyCase;
import io.weir.simulator.county.CountyPlatformSimulator;
import io.weir.simulator.postgres.EmbeddedPostgres;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The cloud adapter as a whole system on loopback: an embedded MQTT broker, gateways publishing with Paho v3, one
 * or two adapter instances, the county platform simulator, and PostgreSQL (a real server started here) or SQLite.
 *
 * <ul>
 *   <li>Ingest: every gateway publishes its share of the telemetry batches as fast as the broker acknowledges them;
 *       the clock runs from the first publish until the adapters' counters show every message committed.</li>
 *   <li>Peer, same database and durability: a plain JDBC loop writing the same rows in the same transactions
 *       (received_message, the readings as one batch, the gateway's last-seen), one thread, no MQTT, no JSON. It is
 *       the database's own ceiling for this transaction shape.</li>
 *   <li>Alarm to case: one RAISED alarm at a time; from just before the gateway publishes it to the time the county
 *       simulator stamps the new case as received.</li>
 * </ul>
 * Every measurement gets a fresh broker, a fresh database and fresh adapters. Figures are medians over the runs.
 */
@Command(name = "cloud-benchmark", mixinStandardHelpOptions = true)
public final class CloudBenchmark implements Callable<Integer> {
    private static final String APP_KEY = "weir-bench";
    private static final String APP_SECRET = "bench-secret-123";
    private static final long TIMEOUT_MS = 180_000;

    @Option(names = "--runs", defaultValue = "3", description = "Repetitions of every measurement (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--messages", defaultValue = "2000", description = "Telemetry messages per ingest measurement (default: ${DEFAULT-VALUE})")
    int messages;

    @Option(names = "--readings", defaultValue = "100", description = "Readings per telemetry message (default: ${DEFAULT-VALUE})")
    int readings;

    @Option(names = "--gateways", defaultValue = "4", description = "Publishing gateways (default: ${DEFAULT-VALUE})")
    int gateways;

    @Option(names = "--window", defaultValue = "100", description = "QoS 1 publishes in flight per gateway (default: ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--alarms", defaultValue = "200", description = "Alarms per latency measurement (default: ${DEFAULT-VALUE})")
    int alarms;

    @Option(names = "--pg-durability", defaultValue = "full",
            description = "full: PostgreSQL defaults (fsync, synchronous_commit on); off: as the tests run it (default: ${DEFAULT-VALUE})")
    String pgDurability;

    @Option(names = "--postgres-home", defaultValue = "benchmarks/target/postgres-binaries",
            description = "Where the PostgreSQL binaries are unpacked (default: ${DEFAULT-VALUE})")
    Path postgresHome;

    @Option(names = "--dir", defaultValue = "benchmarks/target/bench-cloud", description = "SQLite files go here (default: ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--skip", split = ",", description = "Leave out: sqlite, two, peer, latency")
    List<String> skip = new ArrayList<>();

    @Option(names = "--threads", description = "Print the CPU time of every thread after each ingest measurement")
    boolean threads;

    private EmbeddedPostgres postgres;

    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(new CommandLine(new CloudBenchmark()).execute(args));
    }

    enum Db { POSTGRESQL, SQLITE }

    /** One ingest measurement: readings/s end to end, how long the broker took to accept them, where the CPU went. */
    record Ingest(double readingsPerSecond, double publishSeconds, double totalSeconds, Map<String, Double> jvmCores,
                  double postgresCores, double otherProcessesCores) {
    }

    @Override
    public Integer call() throws Exception {
        if (!pgDurability.equals("full") && !pgDurability.equals("off")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--pg-durability is full or off");
        }
        Files.createDirectories(dir);
        long start = System.nanoTime();
        postgres = EmbeddedPostgres.start(postgresHome.toAbsolutePath(), pgDurability.equals("full"));
        try {
            System.out.printf("PostgreSQL started (durability %s); %d cores, %s %s%n", pgDurability,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                    System.getProperty("java.version"));
            // warm-up: the JIT, class loading, the binaries' first start; not counted
            int full = messages;
            messages = Math.max(gateways, messages / 4);
            ingest(Db.POSTGRESQL, 1);
            if (!skip.contains("sqlite")) {
                ingest(Db.SQLITE, 1);
            }
            messages = full;
            System.out.println("warm-up done");

            List<Ingest> pg1 = new ArrayList<>();
            List<Ingest> pg2 = new ArrayList<>();
            List<Ingest> lite = new ArrayList<>();
            List<Double> pgPeer = new ArrayList<>();
            List<Double> litePeer = new ArrayList<>();
            List<Latency> pgLatency = new ArrayList<>();
            List<Latency> liteLatency = new ArrayList<>();
            for (int r = 1; r <= runs; r++) {
                pg1.add(report(r, "PostgreSQL, 1 instance", ingest(Db.POSTGRESQL, 1)));
                if (!skip.contains("two")) {
                    pg2.add(report(r, "PostgreSQL, 2 instances", ingest(Db.POSTGRESQL, 2)));
                }
                if (!skip.contains("peer")) {
                    pgPeer.add(reportPeer(r, "PostgreSQL", peer(Db.POSTGRESQL)));
                }
                if (!skip.contains("sqlite")) {
                    lite.add(report(r, "SQLite, 1 instance", ingest(Db.SQLITE, 1)));
                    if (!skip.contains("peer")) {
                        litePeer.add(reportPeer(r, "SQLite", peer(Db.SQLITE)));
                    }
                }
                if (!skip.contains("latency")) {
                    pgLatency.add(reportLatency(r, "PostgreSQL", latency(Db.POSTGRESQL)));
                    if (!skip.contains("sqlite")) {
                        liteLatency.add(reportLatency(r, "SQLite", latency(Db.SQLITE)));
                    }
                }
            }

            System.out.printf("%nmedians of %d runs; %d telemetry messages of %d readings from %d gateways "
                    + "(window %d), PostgreSQL durability %s:%n", runs, messages, readings, gateways, window,
                    pgDurability);
            System.out.println("| ingest | readings/s | messages/s | broker accepted all after (s) | "
                    + "CPU cores used: JVM (adapter / broker / gateways) + PostgreSQL | other processes (cores) |");
            System.out.println("|---|---|---|---|---|---|");
            row("PostgreSQL, 1 adapter instance", pg1);
            row("PostgreSQL, 2 instances, shared subscription", pg2);
            peerRow("PostgreSQL, plain JDBC loop (same rows and transactions, no MQTT, 1 thread)", pgPeer);
            row("SQLite, 1 adapter instance (WAL, synchronous=FULL)", lite);
            peerRow("SQLite, plain JDBC loop (same rows and transactions, no MQTT, 1 thread)", litePeer);
            if (!pgLatency.isEmpty()) {
                System.out.printf("%n| alarm RAISED published -> case received by the county simulator (%d alarms, "
                        + "one at a time) | p50 (ms) | p99 (ms) | of which publish -> adapter p50 / p99 (ms) |%n",
                        alarms);
                System.out.println("|---|---|---|---|");
                latencyRow("PostgreSQL", pgLatency);
                latencyRow("SQLite", liteLatency);
            }
            System.out.printf("%nwhole benchmark took %.0f s%n", (System.nanoTime() - start) / 1e9);
        } finally {
            postgres.close();
        }
        return 0;
    }

    // ---------------------------------------------------------------- ingest

    private Ingest ingest(Db db, int instances) throws Exception {
        int perGateway = messages / gateways;
        int total = perGateway * gateways;
        Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        byte[][][] payloads = new byte[gateways][perGateway][];
        for (int g = 0; g < gateways; g++) {
            for (int m = 0; m < perGateway; m++) {
                payloads[g][m] = BenchPayloads.telemetry(gatewayId(g), m + 1, readings, base);
            }
        }
        String jdbcUrl = freshDatabase(db);
        List<CloudAdapter> adapters = new ArrayList<>();
        List<BenchGateway> senders = new ArrayList<>();
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0);
             CountyPlatformSimulator county = CountyPlatformSimulator.start("127.0.0.1", 0, APP_KEY, APP_SECRET)) {
            try {
                for (int i = 0; i < instances; i++) {
                    CloudAdapterConfig config = config(broker, county, jdbcUrl, "bench-cloud-" + i);
                    adapters.add(CloudAdapter.start(instances > 1 ? config.withSharedSubscriptionGroup("bench") : config));
                }
                for (int g = 0; g < gateways; g++) {
                    senders.add(BenchGateway.connect(broker.url(), gatewayId(g), window));
                }
                AtomicLong lastAck = new AtomicLong();
                List<Thread> publishers = new ArrayList<>();
                List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
                Map<Long, CpuTime.Sample> threadsBefore = CpuTime.threads();
                double pgBefore = postgresCpuSeconds();
                double machineBefore = CpuTime.machineBusySeconds();
                double jvmBefore = CpuTime.ofProcess(ProcessHandle.current().pid());
                long t0 = System.nanoTime();
                for (int g = 0; g < gateways; g++) {
                    BenchGateway sender = senders.get(g);
                    byte[][] mine = payloads[g];
                    Thread t = new Thread(() -> {
                        try {
                            for (byte[] payload : mine) {
                                sender.publish("telemetry", payload);
                            }
                            sender.awaitAcknowledged(TIMEOUT_MS);
                            lastAck.accumulateAndGet(System.nanoTime(), Math::max);
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }, "bench-gw-publisher-" + g);
                    publishers.add(t);
                    t.start();
                }
                long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
                long done;
                while (true) {
                    long ingested = adapters.stream().mapToLong(a -> a.stats().messagesIngested()).sum();
                    done = System.nanoTime();
                    if (ingested >= total) {
                        break;
                    }
                    if (!failures.isEmpty()) {
                        throw new IllegalStateException("publishing failed", failures.get(0));
                    }
                    if (done > deadline) {
                        throw new IllegalStateException(db + ": only " + ingested + " of " + total
                                + " messages ingested within " + TIMEOUT_MS + " ms");
                    }
                    LockSupport.parkNanos(5_000_000);
                }
                double pgCpu = postgresCpuSeconds() - pgBefore;
                double others = CpuTime.machineBusySeconds() - machineBefore
                        - (CpuTime.ofProcess(ProcessHandle.current().pid()) - jvmBefore) - pgCpu;
                Map<Long, CpuTime.Sample> threadsAfter = CpuTime.threads();
                for (Thread t : publishers) {
                    t.join();
                }
                if (!failures.isEmpty()) {
                    throw new IllegalStateException("publishing failed", failures.get(0));
                }
                double seconds = (done - t0) / 1e9;
                long stored = adapters.get(0).queries().readingCount();
                if (stored != (long) total * readings) {
                    throw new IllegalStateException("stored " + stored + " readings, expected " + (long) total * readings);
                }
                long duplicates = adapters.stream().mapToLong(a -> a.stats().duplicatesDropped()).sum();
                long rejected = adapters.stream().mapToLong(a -> a.stats().messagesRejected()).sum();
                if (duplicates != 0 || rejected != 0) {
                    throw new IllegalStateException(duplicates + " duplicates and " + rejected + " rejected messages");
                }
                if (instances > 1) {
                    for (CloudAdapter a : adapters) {
                        System.out.printf("    instance ingested %d messages%n", a.stats().messagesIngested());
                    }
                }
                Map<String, Double> cpu = CpuTime.byGroup(threadsBefore, threadsAfter, CloudBenchmark::threadGroup);
                cpu.replaceAll((k, v) -> v / seconds);
                if (threads) {
                    printThreads(threadsBefore, threadsAfter, seconds);
                }
                return new Ingest(total * (double) readings / seconds, (lastAck.get() - t0) / 1e9, seconds, cpu,
                        pgCpu / seconds, Math.max(0, others / seconds));
            } finally {
                // before the broker goes, so nothing tries to reconnect
                for (BenchGateway s : senders) {
                    closeQuietly(s);
                }
                for (CloudAdapter a : adapters) {
                    closeQuietly(a);
                }
            }
        } finally {
            dropDatabase(db, jdbcUrl);
        }
    }

    private static String threadGroup(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("bench-cloud") || n.contains("weir-cloud-db") || n.contains("hikari")
                || n.contains("weir-case-outbox")) {
            return "adapter";
        }
        if (n.contains("activemq") || n.contains("artemis")) {
            return "broker";
        }
        if (n.contains("bench-gw")) {
            return "gateways";
        }
        return "other";
    }

    private static void printThreads(Map<Long, CpuTime.Sample> before, Map<Long, CpuTime.Sample> after,
                                     double seconds) {
        after.entrySet().stream()
                .map(e -> Map.entry(e.getValue().name(), (e.getValue().nanos()
                        - (before.containsKey(e.getKey()) ? before.get(e.getKey()).nanos() : 0)) / 1e9))
                .filter(e -> e.getValue() > 0.01)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> System.out.printf("      %5.1f%% busy  %s%n", 100 * e.getValue() / seconds, e.getKey()));
    }

    private Ingest report(int run, String what, Ingest result) {
        System.out.printf("run %d: %-26s %,9.0f readings/s in %.2f s (broker accepted all after %.2f s); cores: %s, "
                        + "PostgreSQL %.2f; other processes %.2f%n", run, what, result.readingsPerSecond(),
                result.totalSeconds(), result.publishSeconds(), cores(result.jvmCores()), result.postgresCores(),
                result.otherProcessesCores());
        return result;
    }

    private static String cores(Map<String, Double> cores) {
        StringBuilder s = new StringBuilder();
        cores.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(String.format("%.2f", v)));
        return s.toString();
    }

    private void row(String what, List<Ingest> results) {
        if (results.isEmpty()) {
            return;
        }
        double rate = median(results.stream().mapToDouble(Ingest::readingsPerSecond).toArray());
        double accepted = median(results.stream().mapToDouble(Ingest::publishSeconds).toArray());
        double adapter = median(results.stream().mapToDouble(i -> i.jvmCores().getOrDefault("adapter", 0.0)).toArray());
        double broker = median(results.stream().mapToDouble(i -> i.jvmCores().getOrDefault("broker", 0.0)).toArray());
        double gw = median(results.stream().mapToDouble(i -> i.jvmCores().getOrDefault("gateways", 0.0)).toArray());
        double pg = median(results.stream().mapToDouble(Ingest::postgresCores).toArray());
        double others = median(results.stream().mapToDouble(Ingest::otherProcessesCores).toArray());
        System.out.printf("| %s | %,.0f | %,.0f | %.2f | %.2f / %.2f / %.2f + %.2f | %.2f |%n", what, rate,
                rate / readings, accepted, adapter, broker, gw, pg, others);
    }

    // ---------------------------------------------------------------- plain JDBC peer

    /** The adapter's transaction per telemetry message, without MQTT, JSON or the pool; readings/s. */
    private double peer(Db db) throws Exception {
        String jdbcUrl = freshDatabase(db);
        try {
            // migrate (and, on PostgreSQL, create the partitions) exactly as the adapter does
            try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0);
                 CountyPlatformSimulator county = CountyPlatformSimulator.start("127.0.0.1", 0, APP_KEY, APP_SECRET);
                 CloudAdapter adapter = CloudAdapter.start(config(broker, county, jdbcUrl, "bench-migrate"))) {
                adapter.stats();
            }
            int perGateway = messages / gateways;
            int total = perGateway * gateways;
            long base = Instant.now().toEpochMilli();
            try (Connection c = peerConnection(db, jdbcUrl);
                 PreparedStatement received = c.prepareStatement("INSERT INTO received_message (gateway_id, seq, "
                         + "kind, received_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
                 PreparedStatement touch = c.prepareStatement("INSERT INTO gateway (gateway_id, last_seen_at) "
                         + "VALUES (?, ?) ON CONFLICT (gateway_id) DO UPDATE SET last_seen_at = excluded.last_seen_at")) {
                c.setAutoCommit(false);
                long t0 = System.nanoTime();
                for (int m = 0; m < total; m++) {
                    String gateway = gatewayId(m % gateways);
                    long seq = m / gateways + 1;
                    received.setString(1, gateway);
                    received.setLong(2, seq);
                    received.setString(3, "telemetry");
                    received.setLong(4, System.currentTimeMillis());
                    received.executeUpdate();
                    // prepared per message, as TelemetryTable does
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO telemetry (gateway_id, seq, "
                            + "reading_index, channel, ts, value_num, value_bool, value_text, unit, quality, reason) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        for (int i = 0; i < readings; i++) {
                            insert.setString(1, gateway);
                            insert.setLong(2, seq);
                            insert.setInt(3, i);
                            insert.setString(4, "620012" + String.format("%02d", i % 10) + "/radar-1/water_level");
                            insert.setLong(5, base - seq * readings - i);
                            insert.setDouble(6, 3 + ((seq * 7 + i) % 1000) / 1000.0);
                            insert.setNull(7, java.sql.Types.BOOLEAN);
                            insert.setNull(8, java.sql.Types.VARCHAR);
                            insert.setString(9, "m");
                            insert.setString(10, "GOOD");
                            insert.setNull(11, java.sql.Types.VARCHAR);
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    }
                    touch.setString(1, gateway);
                    touch.setLong(2, System.currentTimeMillis());
                    touch.executeUpdate();
                    c.commit();
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                try (Statement s = c.createStatement(); var r = s.executeQuery("SELECT count(*) FROM telemetry")) {
                    r.next();
                    if (r.getLong(1) != (long) total * readings) {
                        throw new IllegalStateException("peer stored " + r.getLong(1) + " readings");
                    }
                }
                return total * (double) readings / seconds;
            }
        } finally {
            dropDatabase(db, jdbcUrl);
        }
    }

    private static Connection peerConnection(Db db, String jdbcUrl) throws Exception {
        if (db == Db.POSTGRESQL) {
            // the same driver option the adapter's pool sets
            java.util.Properties p = new java.util.Properties();
            p.setProperty("reWriteBatchedInserts", "true");
            return DriverManager.getConnection(jdbcUrl, p);
        }
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(org.sqlite.SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        config.setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
        return config.createConnection(jdbcUrl);
    }

    private static double reportPeer(int run, String what, double rate) {
        System.out.printf("run %d: %-26s %,9.0f readings/s (plain JDBC loop)%n", run, what, rate);
        return rate;
    }

    private void peerRow(String what, List<Double> rates) {
        if (rates.isEmpty()) {
            return;
        }
        double rate = median(rates.stream().mapToDouble(Double::doubleValue).toArray());
        System.out.printf("| %s | %,.0f | %,.0f | - | - | - |%n", what, rate, rate / readings);
    }

    // ---------------------------------------------------------------- alarm to case latency

    /**
     * Per alarm, milliseconds from publish to the case's arrival at the platform, and from publish to the adapter
     * taking the message (received_message.received_at, stamped as ingest begins; millisecond resolution).
     */
    record Latency(double[] toCase, double[] toAdapter) {
    }

    private Latency latency(Db db) throws Exception {
        String jdbcUrl = freshDatabase(db);
        double[] toCase = new double[alarms];
        double[] sentAt = new double[alarms];
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0);
             CountyPlatformSimulator county = CountyPlatformSimulator.start("127.0.0.1", 0, APP_KEY, APP_SECRET)) {
            try (CloudAdapter adapter = CloudAdapter.start(config(broker, county, jdbcUrl, "bench-cloud-latency"));
                 BenchGateway gateway = BenchGateway.connect(broker.url(), "bench-alarm-gw", 1)) {
                for (int i = 0; i < alarms; i++) {
                    String alarmId = "bench-alarm-gw:river-level:" + i;
                    Instant sent = Instant.now();
                    sentAt[i] = sent.getEpochSecond() * 1e3 + sent.getNano() / 1e6;
                    gateway.publish("alarm", BenchPayloads.raised("bench-alarm-gw", i + 1, alarmId, sent));
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    List<CountyCase> cases;
                    while ((cases = county.cases()).size() <= i) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("no case for " + alarmId + " within 30 s: "
                                    + adapter.stats());
                        }
                        LockSupport.parkNanos(500_000);
                    }
                    CountyCase opened = cases.get(i);
                    if (!opened.idempotencyKey().equals(alarmId) || cases.size() != i + 1) {
                        throw new IllegalStateException("unexpected cases: " + cases.size() + ", last "
                                + opened.idempotencyKey());
                    }
                    toCase[i] = Duration.between(sent, opened.receivedAt()).toNanos() / 1e6;
                    gateway.awaitAcknowledged(10_000);
                }
            }
            double[] toAdapter = new double[alarms];
            try (Connection c = DriverManager.getConnection(jdbcUrl);
                 Statement s = c.createStatement();
                 var r = s.executeQuery("SELECT seq, received_at FROM received_message "
                         + "WHERE gateway_id = 'bench-alarm-gw'")) {
                while (r.next()) {
                    int i = (int) r.getLong(1) - 1;
                    toAdapter[i] = r.getLong(2) - sentAt[i];
                }
            }
            return new Latency(toCase, toAdapter);
        } finally {
            dropDatabase(db, jdbcUrl);
        }
    }

    private static Latency reportLatency(int run, String what, Latency l) {
        System.out.printf("run %d: %-26s alarm -> case p50 %.1f ms, p99 %.1f ms, max %.1f ms "
                        + "(of which publish -> adapter p50 %.1f ms, p99 %.1f ms)%n", run, what,
                percentile(l.toCase(), 50), percentile(l.toCase(), 99), percentile(l.toCase(), 100),
                percentile(l.toAdapter(), 50), percentile(l.toAdapter(), 99));
        return l;
    }

    private static void latencyRow(String what, List<Latency> runs) {
        if (runs.isEmpty()) {
            return;
        }
        double p50 = median(runs.stream().mapToDouble(m -> percentile(m.toCase(), 50)).toArray());
        double p99 = median(runs.stream().mapToDouble(m -> percentile(m.toCase(), 99)).toArray());
        double a50 = median(runs.stream().mapToDouble(m -> percentile(m.toAdapter(), 50)).toArray());
        double a99 = median(runs.stream().mapToDouble(m -> percentile(m.toAdapter(), 99)).toArray());
        System.out.printf("| %s, 1 adapter instance | %.1f | %.1f | %.1f / %.1f |%n", what, p50, p99, a50, a99);
    }

    // ---------------------------------------------------------------- helpers

    private CloudAdapterConfig config(EmbeddedBroker broker, CountyPlatformSimulator county, String jdbcUrl,
                                      String clientId) {
        // production defaults (case mapping, delivery options); no HTTP server, nothing here calls it; the
        // publishing gateways registered, as in production
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int g = 0; g < gateways; g++) {
            ids.add(gatewayId(g));
        }
        return CloudAdapterConfig.of(broker.url(), clientId, jdbcUrl, county.baseUri(), APP_KEY, APP_SECRET)
                .withHttp("127.0.0.1", -1)
                .withSecurity(io.weir.cloud.SecurityOptions.defaults().withGateways(ids));
    }

    /** CPU seconds used so far by the server and its backends (those still running). */
    private double postgresCpuSeconds() {
        ProcessHandle server = postgres.process();
        double total = CpuTime.ofProcess(server.pid());
        for (ProcessHandle child : server.descendants().toList()) {
            total += CpuTime.ofProcess(child.pid());
        }
        return total;
    }

    private static String gatewayId(int g) {
        return "bench-gw-" + g;
    }

    private String freshDatabase(Db db) throws Exception {
        if (db == Db.POSTGRESQL) {
            return postgres.freshDatabase();
        }
        Path file = Files.createTempFile(dir.toAbsolutePath(), "weir-cloud-", ".db");
        Files.delete(file);
        return "jdbc:sqlite:" + file;
    }

    private void dropDatabase(Db db, String jdbcUrl) {
        if (db == Db.POSTGRESQL) {
            try {
                postgres.dropDatabase(jdbcUrl);
            } catch (SQLException e) {
                System.err.println("could not drop " + jdbcUrl + ": " + e.getMessage());
            }
            return;
        }
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        for (String suffix : List.of("", "-wal", "-shm")) {
            try {
                Files.deleteIfExists(Path.of(file + suffix));
            } catch (Exception e) {
                System.err.println("could not delete " + file + suffix + ": " + e);
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("close failed: " + e);
        }
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Nearest-rank percentile. */
    static double percentile(double[] values, double p) {
        double[] v = values.clone();
        Arrays.sort(v);
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }
}
