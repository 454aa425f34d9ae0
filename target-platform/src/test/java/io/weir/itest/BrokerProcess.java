package io.weir.itest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;

/** A real MQTT broker in its own process (the simulator's embedded broker), as the cloud side would run it. */
final class BrokerProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private BrokerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static BrokerProcess start(String java, String simulatorJar, Path log) throws IOException {
        int port = freePort();
        Process p = new ProcessBuilder(java, "-jar", simulatorJar, "broker", "--host", "127.0.0.1", "--port",
                String.valueOf(port)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        var broker = new BrokerProcess(p, port);
        Awaitility.await("broker listening on " + port).atMost(Duration.ofSeconds(60))
                .until(() -> broker.accepts() || !p.isAlive());
        if (!p.isAlive()) {
            throw new IllegalStateException("broker process exited: " + Files.readString(log));
        }
        return broker;
    }

    private boolean accepts() {
        try (var s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
