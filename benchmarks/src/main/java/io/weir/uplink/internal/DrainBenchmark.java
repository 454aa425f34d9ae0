package io.weir.uplink.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MqttDefaultFilePersistence;

import io.weir.api.SiteInfo;
import io.weir.api.store.MessageClass;
import io.weir.api.store.MessageStore;
import io.weir.api.store.StoreStats;
import io.weir.api.store.StoredMessage;
import io.weir.simulator.broker.EmbeddedBroker;
import io.weir.store.internal.SqliteOutbox;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Drain rate after an outage (issue 4): a backlog of readings built up while the broker was down, drained to a
 * local broker once it is back, timed from the moment the client is connected again until the PUBACK of the last
 * message has been processed. Two drainers, in the same run, against the same embedded broker:
 *
 * <ul>
 * <li>Weir: {@link MqttUplink} over the SQLite outbox ({@link SqliteOutbox}); the readings were appended in poll
 * batches during the outage; every message is numbered durably before it is published and deleted durably on
 * its PUBACK.</li>
 * <li>Paho: an {@link MqttAsyncClient} with {@link MqttDefaultFilePersistence} (clean session off, automatic
 * reconnect, disconnected buffering with the buffer persisted), which queued the same payloads with
 * {@code publish} at QoS 1 during the outage; on reconnect Paho sends its buffer itself. Its buffer sender waits
 * while {@code maxInflight - 3} messages are unacknowledged, so {@code maxInflight} is the window plus 3.</li>
 * </ul>
 *
 * The outage is the broker stopping (connections dropped) and a new broker starting on the same port; reconnect
 * backoff is not timed. Nobody subscribes, so the broker acknowledges and drops; both drainers pay the same.
 * This class sits in the uplink's package because the uplink's constructor is package-private.
 */
@Command(name = "uplink-drain", mixinStandardHelpOptions = true)
public final class DrainBenchmark implements Callable<Integer> {

    private static final String GATEWAY = "gw-bench";
    private static final SiteInfo SITE = new SiteInfo(GATEWAY, "62001200", "Yuxi River Station", 30.27, 120.15);
    private static final String TOPIC = new Topics(GATEWAY).of(MessageClass.TELEMETRY);
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(10);

    @Option(names = "--dir", defaultValue = "target/bench-drain")
    Path dir;

    @Option(names = "--readings", defaultValue = "200000", description = "Readings in the backlog (default: ${DEFAULT-VALUE})")
    int readings;

    @Option(names = "--records-per-message", defaultValue = "500",
            description = "Readings per message, the uplink's default (default: ${DEFAULT-VALUE})")
    int recordsPerMessage;

    @Option(names = "--in-flight", defaultValue = "10",
            description = "In-flight window, the uplink's default (default: ${DEFAULT-VALUE})")
    int inFlight;

    @Option(names = "--batch", defaultValue = "100", description = "Readings per append while the backlog builds")
    int batch;

    @Option(names = "--runs", defaultValue = "5")
    int runs;

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.exit(new CommandLine(new DrainBenchmark()).execute(args));
    }

    static String reading(long i) {
        return "{\"channel\":\"62001200/radar-1/water_level\",\"ts\":\"2026-11-21T08:00:00Z\",\"value\":"
                + (3 + (i % 1000) / 1000.0) + ",\"unit\":\"m\",\"quality\":\"GOOD\"}";
    }

    /** One drain: readings/s and the figures around it. */
    record Result(double readingsPerSecond, double seconds, int messages, long backlogBytes) {
    }

    @Override
    public Integer call() throws Exception {
        if (readings % recordsPerMessage != 0) {
            throw new IllegalArgumentException("--readings must be a multiple of --records-per-message");
        }
        Files.createDirectories(dir);
        var weir = new Result[runs];
        var paho = new Result[runs];
        for (int r = 0; r < runs; r++) {
            // Alternate the order so neither drainer always runs on a warmer JVM.
            if (r % 2 == 0) {
                weir[r] = weir(r);
                paho[r] = paho(r);
            } else {
                paho[r] = paho(r);
                weir[r] = weir(r);
            }
            System.out.printf("run %d: Weir %.0f readings/s (%.2f s, store file %.1f MB), "
                            + "Paho file persistence %.0f readings/s (%.2f s, %.1f MB of files)%n", r + 1,
                    weir[r].readingsPerSecond, weir[r].seconds, weir[r].backlogBytes / 1e6,
                    paho[r].readingsPerSecond, paho[r].seconds, paho[r].backlogBytes / 1e6);
        }
        double w = median(weir);
        double p = median(paho);
        System.out.printf("%nmedian of %d runs, %,d readings in %d messages of %d readings, in-flight window %d:%n",
                runs, readings, readings / recordsPerMessage, recordsPerMessage, inFlight);
        System.out.println("| drainer | readings/s | messages/s | vs Paho file persistence |");
        System.out.println("|---|---|---|---|");
        System.out.printf("| Weir uplink + SQLite outbox | %.0f | %.0f | %.2fx |%n", w, w / recordsPerMessage, w / p);
        System.out.printf("| Paho MqttDefaultFilePersistence, offline buffer | %.0f | %.0f | 1.00x |%n", p,
                p / recordsPerMessage);
        return 0;
    }

    // ---------------------------------------------------------------- Weir

    private Result weir(int run) throws Exception {
        Path file = dir.resolve("weir-" + run + ".db");
        deleteStore(file);
        var broker = EmbeddedBroker.start("127.0.0.1", 0);
        int port = broker.port();
        try (var outbox = SqliteOutbox.open(file)) {
            var store = new TimedStore(outbox, readings);
            var options = new UplinkOptions(broker.url(), "", new char[0], List.of(), inFlight, recordsPerMessage,
                    30, Duration.ofSeconds(1));
            var uplink = new MqttUplink(SITE, store, options, Map.of(), Clock.systemUTC());
            try {
                waitFor(uplink::isConnected, Duration.ofSeconds(30), "Weir uplink connected");
                broker.close();
                waitFor(() -> !uplink.isConnected(), Duration.ofSeconds(30), "Weir uplink noticing the outage");
                for (int n = 0; n < readings; n += batch) {
                    var b = new ArrayList<String>(batch);
                    for (int i = 0; i < batch && n + i < readings; i++) {
                        b.add(reading(n + i));
                    }
                    outbox.append(MessageClass.TELEMETRY, b);
                }
                long bytes = size(file);
                var reconnected = new Watch(uplink::isConnected);
                broker = EmbeddedBroker.start("127.0.0.1", port);
                if (!store.drained.await(DRAIN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("Weir drain did not finish: " + outbox.stats());
                }
                long t0 = reconnected.when();
                StoreStats s = outbox.stats();
                if (s.storedTelemetry() != 0 || s.inFlightMessages() != 0) {
                    throw new IllegalStateException("store not empty after the drain: " + s);
                }
                double seconds = (store.lastConfirmed.get() - t0) / 1e9;
                return new Result(readings / seconds, seconds, store.messages.get(), bytes);
            } finally {
                uplink.stop();
            }
        } finally {
            broker.close();
            deleteStore(file);
        }
    }

    /** The outbox as the uplink sees it, noting when the last reading's message is confirmed. */
    private static final class TimedStore implements MessageStore {
        private final SqliteOutbox outbox;
        private final Map<Long, Integer> sizes = new ConcurrentHashMap<>();
        private final AtomicLong confirmedReadings = new AtomicLong();
        private final AtomicLong lastConfirmed = new AtomicLong();
        private final AtomicInteger messages = new AtomicInteger();
        private final CountDownLatch drained = new CountDownLatch(1);
        private final long expected;

        TimedStore(SqliteOutbox outbox, long expected) {
            this.outbox = outbox;
            this.expected = expected;
        }

        @Override
        public Optional<StoredMessage> take(int maxRecords) {
            Optional<StoredMessage> m = outbox.take(maxRecords);
            m.ifPresent(message -> sizes.put(message.seq(), message.records().size()));
            return m;
        }

        @Override
        public void confirm(long seq) {
            outbox.confirm(seq); // durable when it returns
            Integer n = sizes.remove(seq);
            if (n != null) {
                messages.incrementAndGet();
                if (confirmedReadings.addAndGet(n) == expected) {
                    lastConfirmed.set(System.nanoTime());
                    drained.countDown();
                }
            }
        }

        @Override
        public void release(long seq) {
            outbox.release(seq);
        }

        @Override
        public StoreStats stats() {
            return outbox.stats();
        }
    }

    // ---------------------------------------------------------------- Paho

    private Result paho(int run) throws Exception {
        Path persistence = dir.resolve("paho-" + run);
        deleteTree(persistence);
        Files.createDirectories(persistence);
        int messages = readings / recordsPerMessage;
        List<byte[]> payloads = payloads(messages);
        var broker = EmbeddedBroker.start("127.0.0.1", 0);
        int port = broker.port();
        var delivered = new AtomicLong();
        var lastAck = new AtomicLong();
        var drained = new CountDownLatch(1);
        var client = new MqttAsyncClient(broker.url(), "bench-paho-" + run,
                new MqttDefaultFilePersistence(persistence.toString()));
        try {
            client.setCallback(new MqttCallbackExtended() {
                @Override
                public void connectComplete(boolean reconnect, String serverURI) {
                }

                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                    // Called after the PUBACK, once Paho has removed the message's file.
                    if (delivered.incrementAndGet() == messages) {
                        lastAck.set(System.nanoTime());
                        drained.countDown();
                    }
                }
            });
            var buffer = new DisconnectedBufferOptions();
            buffer.setBufferEnabled(true);
            buffer.setPersistBuffer(true);
            buffer.setBufferSize(messages + 16);
            buffer.setDeleteOldestMessages(false);
            client.setBufferOpts(buffer);
            var o = new MqttConnectOptions();
            o.setCleanSession(false); // a clean session would wipe the persisted messages on reconnect
            o.setAutomaticReconnect(true);
            o.setMaxReconnectDelay(1000);
            o.setKeepAliveInterval(30);
            o.setConnectionTimeout(10);
            o.setMaxInflight(inFlight + 3);
            client.connect(o).waitForCompletion(30_000);
            broker.close();
            waitFor(() -> !client.isConnected(), Duration.ofSeconds(30), "Paho noticing the outage");
            for (byte[] payload : payloads) {
                client.publish(TOPIC, payload, 1, false); // buffered and written to a file (with fsync)
            }
            long bytes = treeSize(persistence);
            var reconnected = new Watch(client::isConnected);
            broker = EmbeddedBroker.start("127.0.0.1", port);
            if (!drained.await(DRAIN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("Paho drain did not finish: " + delivered.get() + " of " + messages);
            }
            double seconds = (lastAck.get() - reconnected.when()) / 1e9;
            try (Stream<Path> left = Files.list(persistence).flatMap(DrainBenchmark::listQuietly)) {
                long files = left.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(".lck"))
                        .count();
                if (files != 0) {
                    throw new IllegalStateException(files + " Paho persistence files left after the drain");
                }
            }
            return new Result(readings / seconds, seconds, messages, bytes);
        } finally {
            try {
                if (client.isConnected()) {
                    client.disconnect().waitForCompletion(5_000);
                }
                client.close(true);
            } finally {
                broker.close();
                deleteTree(persistence);
            }
        }
    }

    /** The payloads Weir's uplink would send for the same readings: the protocol envelope of each message. */
    private List<byte[]> payloads(int messages) {
        var envelopes = new Envelopes();
        var list = new ArrayList<byte[]>(messages);
        for (int m = 0; m < messages; m++) {
            var records = new ArrayList<String>(recordsPerMessage);
            for (int i = 0; i < recordsPerMessage; i++) {
                records.add(reading((long) m * recordsPerMessage + i));
            }
            list.add(envelopes.message(GATEWAY, new StoredMessage(m + 1, MessageClass.TELEMETRY, records),
                    Instant.now()));
        }
        return list;
    }

    // ---------------------------------------------------------------- helpers

    /** Polls a condition every 100 microseconds on its own thread, noting when it was first true. */
    private static final class Watch {
        private final Thread thread;
        private volatile long when;

        Watch(BooleanSupplier condition) {
            thread = new Thread(() -> {
                long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
                while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(100_000);
                }
                when = System.nanoTime();
            }, "bench-reconnect-watch");
            thread.setDaemon(true);
            thread.start();
        }

        long when() throws InterruptedException {
            thread.join();
            return when;
        }
    }

    private static void waitFor(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    private static Stream<Path> listQuietly(Path p) {
        if (!Files.isDirectory(p)) {
            return Stream.of(p);
        }
        try {
            return Files.list(p).toList().stream();
        } catch (java.io.IOException e) {
            return Stream.empty();
        }
    }

    private static long size(Path storeFile) throws java.io.IOException {
        long total = 0;
        for (String suffix : List.of("", "-wal")) {
            Path p = Path.of(storeFile + suffix);
            if (Files.exists(p)) {
                total += Files.size(p);
            }
        }
        return total;
    }

    private static long treeSize(Path root) throws java.io.IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteStore(Path file) throws java.io.IOException {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static double median(Result[] results) {
        double[] v = Arrays.stream(results).mapToDouble(Result::readingsPerSecond).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
