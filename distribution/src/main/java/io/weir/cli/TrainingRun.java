package io.weir.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;

import io.weir.modbus.slave.ModbusTcpSlave;
import io.weir.site.internal.SiteCheck;

/**
 * One short life of the runtime on a site of its own, so that the class-data sharing archive is there before the
 * gateway's first real start. {@link ClassDataArchive} can only have an archive written at the clean stop of a life
 * that ran without one: without this, the first start after an install or an upgrade parses and verifies every
 * class (docs/benchmarks.md, "Launch"). The package's postinst runs it through {@code weir archive-classes}.
 *
 * <p>The runtime is started exactly as {@code weir run} starts it (the same JVM, jar and flags, so the archive's
 * digest is the one the service looks for), with a data directory, site file and profile in a scratch directory
 * under the state directory. Its two Modbus TCP devices are answered on loopback by this process; its uplink
 * reaches a port that hangs up at once, so nothing is published anywhere. Nothing of the gateway's own state (its
 * framework storage, configuration, store) is touched, and no GPIO pin is driven. Once each device has been read a
 * few times and the runtime reports itself healthy, it is stopped with SIGTERM, as systemd stops it, and writes the
 * archive as it ends; the archive is then checked and put in place as at any start.
 */
public final class TrainingRun {

    /** The training site's Modbus units: a level gauge and a rain gauge, both read every {@value #POLL_MILLIS} ms. */
    private static final int LEVEL_UNIT = 1;
    private static final int RAIN_UNIT = 2;
    private static final int POLL_MILLIS = 200;
    /** Reads per unit before the stop: the first read, and several after it, so that steady polling is archived. */
    private static final int READS = 5;
    /** What the runtime logs once every bundle is active and every component satisfied. */
    private static final String HEALTHY = "runtime healthy:";
    private static final int LOG_LINES_KEPT = 40;
    private static final String SCRATCH_PREFIX = "training-";

    private TrainingRun() {
    }

    /**
     * What a training run left.
     *
     * @param archive the archive now in place, which the next {@code weir run} maps
     * @param trained false when it was in place already and nothing was started
     */
    public record Result(Path archive, boolean trained) {
    }

    /** The runtime did not start, did not poll, did not stop in time, or wrote no archive that maps. */
    public static final class TrainingFailed extends Exception {
        private TrainingFailed(String message) {
            super(message);
        }
    }

    /**
     * Makes sure the archive for starting {@code gatewayJar} with {@code java} and {@code jvmFlags}, in
     * {@code stateDir}, exists: returns it when it does; otherwise runs the runtime once to write it.
     *
     * @param timeout how long the runtime may take to start, poll and stop
     * @return empty when {@code jvmFlags} decide about class-data sharing themselves (no archive is ever written)
     */
    public static Optional<Result> ensure(String java, Path stateDir, Path gatewayJar, List<String> jvmFlags,
                                          Duration timeout) throws IOException, InterruptedException, TrainingFailed {
        Files.createDirectories(stateDir);
        List<String> added = RuntimeFlags.added(java, stateDir, gatewayJar, jvmFlags);
        Optional<Path> mapped = mappedBy(added);
        if (mapped.isPresent()) {
            return Optional.of(new Result(mapped.get(), false));
        }
        if (added.stream().noneMatch(f -> f.startsWith("-XX:ArchiveClassesAtExit="))) {
            return Optional.empty();
        }
        removeScratchLeftIn(stateDir); // by a training run that was killed (an interrupted dpkg)
        Path scratch = Files.createTempDirectory(stateDir, SCRATCH_PREFIX);
        try {
            train(java, gatewayJar, jvmFlags, added, scratch, timeout);
        } finally {
            deleteTree(scratch);
        }
        Optional<Path> archive = mappedBy(RuntimeFlags.added(java, stateDir, gatewayJar, jvmFlags));
        if (archive.isEmpty()) {
            throw new TrainingFailed("the runtime stopped cleanly but left no archive that maps; it is written again"
                    + " at the gateway's first clean stop");
        }
        return Optional.of(new Result(archive.get(), true));
    }

    private static Optional<Path> mappedBy(List<String> flags) {
        return flags.stream().filter(f -> f.startsWith("-XX:SharedArchiveFile="))
                .map(f -> Path.of(f.substring(f.indexOf('=') + 1))).findFirst();
    }

    private static void train(String java, Path gatewayJar, List<String> jvmFlags, List<String> added, Path scratch,
                              Duration timeout) throws IOException, InterruptedException, TrainingFailed {
        // the level gauge reads 3.200 m, over the threshold's blue level: the alarm path is archived too
        var level = new CountingImage(3200);
        var rain = new CountingImage(2);
        List<CountingImage> devices = List.of(level, rain);
        Map<Integer, ProcessImage> images = Map.of(LEVEL_UNIT, level, RAIN_UNIT, rain);
        try (ModbusTcpSlave slave = ModbusTcpSlave.start("127.0.0.1", 0, images);
             HangUp broker = HangUp.open()) {
            Path site = writeSite(scratch, slave.port(), broker.port());
            SiteCheck.Result check = SiteCheck.check(site, scratch.resolve(Installation.PROFILES_SUBDIR));
            if (!check.ok()) {
                throw new IllegalStateException("the training site is invalid: " + check.problems());
            }
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(jvmFlags);
            command.addAll(added);
            command.addAll(RuntimeFlags.runtimeArguments(site, scratch.resolve(Installation.PROFILES_SUBDIR),
                    scratch.resolve("data"), gatewayJar));
            var builder = new ProcessBuilder(command).redirectErrorStream(true);
            RuntimeEnvironment.addTo(builder.environment());
            Process runtime = builder.start();
            // this command stopped (Ctrl-C, dpkg killed): the runtime it started goes with it
            Thread stop = new Thread(runtime::destroyForcibly, "weir-training-stop");
            Runtime.getRuntime().addShutdownHook(stop);
            try {
                Log log = new Log(runtime);
                var polled = CompletableFuture.allOf(devices.stream().map(d -> d.polled)
                        .toArray(CompletableFuture[]::new));
                var ready = CompletableFuture.allOf(polled, log.healthy);
                long deadline = System.nanoTime() + timeout.toNanos();
                try {
                    CompletableFuture.anyOf(ready, runtime.onExit()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    throw new TrainingFailed("the runtime did not report healthy and poll its devices within "
                            + timeout.toSeconds() + " s" + log.tail());
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
                if (!ready.isDone()) {
                    log.drained.join(); // its last lines, which say why
                    throw new TrainingFailed("the runtime ended with exit code " + runtime.exitValue()
                            + " before it polled its devices" + log.tail());
                }
                runtime.destroy(); // SIGTERM: the clean stop, at whose end the JVM writes the archive
                long left = Math.max(deadline - System.nanoTime(), TimeUnit.SECONDS.toNanos(30));
                if (!runtime.waitFor(left, TimeUnit.NANOSECONDS)) {
                    throw new TrainingFailed("the runtime did not stop within its time" + log.tail());
                }
                log.drained.join();
            } finally {
                runtime.destroyForcibly();
                runtime.waitFor();
                Runtime.getRuntime().removeShutdownHook(stop);
            }
        }
    }

    /**
     * The training site: both gauges, a threshold and a rainfall rule on them, the console and metrics on ports the
     * runtime picks, the uplink to {@code brokerPort}. Its one profile, of the common point types, is beside it.
     */
    static Path writeSite(Path scratch, int modbusPort, int brokerPort) throws IOException {
        Path profiles = Files.createDirectories(scratch.resolve(Installation.PROFILES_SUBDIR));
        Files.writeString(profiles.resolve("weir-training.yaml"), """
                # written by `weir archive-classes` for its training run, and deleted with it
                id: weir-training
                manufacturer: Weir
                model: training run
                registerNumbering: zero-based
                limits:
                  maxBlockRegisters: 16
                  timeoutMs: 1000
                points:
                  - {name: level,   function: 3, register: 0, type: uint16, scale: 0.001, decimals: 3, unit: m}
                  - {name: counter, function: 3, register: 1, type: uint16, scale: 0.1, decimals: 1, unit: mm}
                  - {name: flow,    function: 4, register: 2, type: float32, wordOrder: ABCD, unit: m3/h}
                  - {name: total,   function: 4, register: 4, type: uint32, wordOrder: CDAB, unit: m3}
                  - {name: temp,    function: 4, register: 6, type: int16, scale: 0.1, unit: Cel}
                """);
        Path site = scratch.resolve("site.yaml");
        Files.writeString(site, """
                # written by `weir archive-classes` for its training run, and deleted with it
                gateway:
                  id: weir-training
                site:
                  stationCode: "00000000"
                  name: Training run
                  latitude: 0
                  longitude: 0
                uplink:
                  broker: tcp://127.0.0.1:%2$d
                console:
                  port: 0
                metrics:
                  port: 0
                devices:
                  - {id: level-1, profile: weir-training, address: "127.0.0.1:%1$d", unitId: %4$d, pollInterval: %3$dms}
                  - {id: rain-1, profile: weir-training, address: "127.0.0.1:%1$d", unitId: %5$d, pollInterval: %3$dms}
                rules:
                  - id: level
                    type: threshold
                    channel: level-1/level
                    direction: above
                    levels: {blue: 3.0, yellow: 3.5, orange: 4.0, red: 4.5}
                    hysteresis: 0.05
                  - id: rain
                    type: rainfall
                    channel: rain-1/counter
                    source: counter
                    preset: cma-observed-rain
                """.formatted(modbusPort, brokerPort, POLL_MILLIS, LEVEL_UNIT, RAIN_UNIT));
        return site;
    }

    /** A gauge's registers: the first as given, the others plain values; reads counted until there are enough. */
    private static final class CountingImage extends SimpleProcessImage {
        final CompletableFuture<Void> polled = new CompletableFuture<>();
        private int reads;

        CountingImage(int first) {
            for (int i = 0; i < 16; i++) {
                addRegister(new SimpleRegister(i == 0 ? first : i + 1));
                addInputRegister(new SimpleRegister(i + 1));
            }
        }

        @Override
        public synchronized Register[] getRegisterRange(int offset, int count) {
            read();
            return super.getRegisterRange(offset, count);
        }

        @Override
        public synchronized InputRegister[] getInputRegisterRange(int offset, int count) {
            read();
            return super.getInputRegisterRange(offset, count);
        }

        private void read() {
            if (++reads >= READS) {
                polled.complete(null);
            }
        }
    }

    /** Where the training uplink connects: a port that accepts and hangs up, so the runtime publishes nothing. */
    private static final class HangUp implements AutoCloseable {
        private final ServerSocket socket;

        private HangUp(ServerSocket socket) {
            this.socket = socket;
        }

        static HangUp open() throws IOException {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            HangUp hangUp = new HangUp(socket);
            Thread accept = new Thread(hangUp::acceptAndClose, "weir-training-broker");
            accept.setDaemon(true);
            accept.start();
            return hangUp;
        }

        int port() {
            return socket.getLocalPort();
        }

        private void acceptAndClose() {
            while (!socket.isClosed()) {
                try (Socket ignored = socket.accept()) {
                    // hung up as soon as it connects
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The runtime's output: read to its end, its last lines kept for an error, the healthy line awaited. */
    private static final class Log {
        final CompletableFuture<Void> healthy = new CompletableFuture<>();
        final CompletableFuture<Void> drained = new CompletableFuture<>();
        private final Deque<String> last = new ArrayDeque<>();

        Log(Process runtime) {
            Thread reader = new Thread(() -> read(runtime), "weir-training-log");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(Process runtime) {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(runtime.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.contains(HEALTHY)) {
                        healthy.complete(null);
                    }
                    synchronized (last) {
                        last.addLast(line);
                        if (last.size() > LOG_LINES_KEPT) {
                            last.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // the runtime is gone; what it wrote is kept
            } finally {
                drained.complete(null);
            }
        }

        String tail() {
            synchronized (last) {
                return last.isEmpty() ? "" : "; its last lines:\n" + String.join("\n", last);
            }
        }
    }

    private static void removeScratchLeftIn(Path stateDir) throws IOException {
        try (Stream<Path> files = Files.list(stateDir)) {
            for (Path left : files.filter(f -> f.getFileName().toString().startsWith(SCRATCH_PREFIX)
                    && Files.isDirectory(f)).toList()) {
                deleteTree(left);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
