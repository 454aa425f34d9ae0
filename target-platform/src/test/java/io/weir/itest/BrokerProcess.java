package io.weir.itest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.weir.testing.Patience;
import io.weir.testing.PortFile;

/** A real MQTT broker in its own process (the simulator's embedded broker), as the cloud side would run it. */
final class BrokerProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private BrokerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the broker on a port it binds itself, and reads back which (the simulator's --port-file). */
    static BrokerProcess start(String java, String simulatorJar, Path log) throws IOException, InterruptedException {
        Path portFile = log.resolveSibling(log.getFileName() + ".port");
        Files.deleteIfExists(portFile);
        Process p = new ProcessBuilder(java, "-jar", simulatorJar, "broker", "--host", "127.0.0.1", "--port", "0",
                "--port-file", portFile.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            return new BrokerProcess(p, PortFile.await(portFile, p, Patience.CHILD_PROCESS));
        } catch (IllegalStateException e) {
            p.destroyForcibly();
            throw new IllegalStateException(e.getMessage() + "; its log: " + Files.readString(log), e);
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
