package io.weir.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.weir.cli.JvmOptions;
import io.weir.cli.RuntimeFlags;
import io.weir.cli.RuntimeEnvironment;

/**
 * The gateway runtime as the field runs it: its own JVM started from the exported jar. Output goes to a log file
 * (appended across restarts) and, line by line, to an optional observer.
 */
public final class GatewayProcess implements AutoCloseable {

    /** Where a gateway's files are. */
    public record Layout(Path jar, Path siteFile, Path profilesDir, Path dataDir, Path log) {
    }

    private final Process process;
    private final Thread pump;

    private GatewayProcess(Process process, Thread pump) {
        this.process = process;
        this.pump = pump;
    }

    /**
     * Starts the gateway with the JVM flags an installed gateway runs with (the {@code jvm.options} beside the jar,
     * as in /usr/share/weir), then {@code extraJvmArgs}, which win where they repeat a flag.
     */
    public static GatewayProcess start(Layout layout, Consumer<String> observer, String... extraJvmArgs)
            throws IOException {
        List<String> flags = new ArrayList<>(shippedFlags(layout.jar()));
        flags.addAll(List.of(extraJvmArgs));
        return start(layout, observer, flags);
    }

    /**
     * Starts the gateway with exactly these JVM flags, none from {@code jvm.options}, and those {@code weir run}
     * adds ({@link RuntimeFlags}: native heap trimming, the class-data sharing archive unless the flags say
     * {@code -Xshare:off}).
     */
    public static GatewayProcess start(Layout layout, Consumer<String> observer, List<String> jvmFlags)
            throws IOException {
        if (!Files.isRegularFile(layout.jar())) {
            throw new IOException("gateway runtime jar not found at " + layout.jar().toAbsolutePath()
                    + "; build it with: mvn -DskipTests install");
        }
        Files.createDirectories(layout.log().toAbsolutePath().getParent());
        List<String> command = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        command.add(java);
        command.addAll(jvmFlags);
        command.addAll(RuntimeFlags.added(java, layout.dataDir(), layout.jar(), jvmFlags));
        command.addAll(RuntimeFlags.runtimeArguments(layout.siteFile().toAbsolutePath(),
                layout.profilesDir().toAbsolutePath(), layout.dataDir().toAbsolutePath(), layout.jar().toAbsolutePath()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        RuntimeEnvironment.addTo(builder.environment());
        Process p = builder.start();
        Thread pump = new Thread(() -> copy(p, layout.log(), observer), "gateway-output");
        pump.setDaemon(true);
        pump.start();
        return new GatewayProcess(p, pump);
    }

    /** The flags of the {@code jvm.options} beside {@code jar}; none when the jar has no such file beside it. */
    public static List<String> shippedFlags(Path jar) throws IOException {
        Path options = jar.toAbsolutePath().resolveSibling("jvm.options");
        return Files.isRegularFile(options) ? JvmOptions.read(options) : List.of();
    }

    private static void copy(Process p, Path log, Consumer<String> observer) {
        try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             var out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                     StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println(line);
                if (observer != null) {
                    observer.accept(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * SIGTERM: the framework stops its bundles, the uplink publishes its clean death. Sent through the process
     * handle, not {@link Process#destroy()}, which also closes our end of the gateway's output: what the gateway
     * logs while it stops would be lost, and its writes would meet a broken pipe.
     */
    public void stop(Duration timeout) throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
        pump.join(timeout.toMillis());
    }

    /** SIGKILL: a power cut, as far as the gateway can tell. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
        pump.join(5_000);
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(15));
    }
}
