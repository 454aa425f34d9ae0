package io.weir.bench.job;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Debian's mosquitto, started by the benchmark on a loopback port of its own and stopped and started again on that
 * port for the outage. Mosquitto cannot listen on port 0 and say which port it got, so a port is tried and, when
 * mosquitto cannot bind it, another one; no port is probed beforehand. Sessions and queued QoS 1 messages persist
 * across the outage (its database in the scratch directory, no queue limit), so the subscriber loses nothing that
 * reached the broker while it was reconnecting.
 */
public final class Mosquitto implements AutoCloseable {

    /** Below Linux's ephemeral range, so outgoing connections do not take it meanwhile. */
    private static final int FIRST_PORT = 20_000;
    private static final int PORTS = 12_000;
    private static final int ATTEMPTS = 20;
    private static final long START_TIMEOUT_SECONDS = 15;

    private final Path executable;
    private final Path directory;
    private final int port;
    private Process process;

    private Mosquitto(Path executable, Path directory, int port, Process process) {
        this.executable = executable;
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    /** Starts mosquitto with its files in {@code directory}, on the first port it manages to bind. */
    public static Mosquitto start(Path executable, Path directory) throws IOException, InterruptedException {
        if (!Files.isExecutable(executable)) {
            throw new IOException("mosquitto not found at " + executable
                    + "; install it: apt-get install -y mosquitto");
        }
        Files.createDirectories(directory);
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int candidate = FIRST_PORT + ThreadLocalRandom.current().nextInt(PORTS);
            try {
                return new Mosquitto(executable, directory, candidate, launch(executable, directory, candidate));
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("mosquitto could not listen on any of " + ATTEMPTS + " ports tried", last);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM: mosquitto saves its sessions and exits; clients lose their connections. */
    public synchronized void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Starts again on the same port, retrying while another process holds it, at most {@code seconds}. */
    public synchronized void restart(long seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            try {
                process = launch(executable, directory, port);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /**
     * Starts mosquitto and returns once it says it runs (an information line on stderr, which is not buffered);
     * fails when it exits first, as it does when the port is taken.
     */
    private static Process launch(Path executable, Path directory, int port) throws IOException, InterruptedException {
        Path config = directory.resolve("mosquitto.conf");
        Files.writeString(config, """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence true
                persistence_location %s/
                max_queued_messages 0
                log_dest stderr
                log_type error
                log_type warning
                log_type notice
                log_type information
                user %s
                """.formatted(port, directory.toAbsolutePath(), System.getProperty("user.name")));
        Process p = new ProcessBuilder(executable.toString(), "-c", config.toString()).redirectErrorStream(true)
                .start();
        var running = new CompletableFuture<Void>();
        Path log = directory.resolve("mosquitto.log");
        Thread pump = new Thread(() -> pump(p, log, running), "mosquitto-" + port);
        pump.setDaemon(true);
        pump.start();
        try {
            running.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return p;
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly().waitFor();
            throw new IOException("mosquitto did not start on port " + port + "; see " + log, e);
        }
    }

    private static void pump(Process p, Path log, CompletableFuture<Void> running) {
        try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                     StandardOpenOption.APPEND)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write(line);
                out.newLine();
                out.flush();
                if (line.contains(" running")) {
                    running.complete(null);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        running.completeExceptionally(new IOException("mosquitto exited"));
    }
}
