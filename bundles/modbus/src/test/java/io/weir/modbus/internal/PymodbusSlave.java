package io.weir.modbus.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import io.weir.testing.Patience;

/**
 * pymodbus (Debian's python3-pymodbus) serving test/resources/pymodbus_slave.py: an independent Modbus slave.
 * Without it the test is skipped, unless the build says the interop tests are required
 * ({@code -Dweir.pymodbus=required}, as .ci/steps/35-modbus-pymodbus.sh does), when it fails.
 */
final class PymodbusSlave implements AutoCloseable {

    // Debian's interpreter, where python3-pymodbus is installed; a python3 earlier on PATH may not have it
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private final Process process;
    private final int port;

    private PymodbusSlave(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Serves Modbus TCP on a free loopback port. */
    static PymodbusSlave tcp(Path dir) throws Exception {
        return start(dir, "tcp");
    }

    /** Serves Modbus RTU, 9600 8N1, on the serial port {@code device}. */
    static PymodbusSlave rtu(Path dir, Path device) throws Exception {
        return start(dir, "rtu", device.toString());
    }

    int port() {
        return port;
    }

    private static PymodbusSlave start(Path dir, String... args) throws Exception {
        requirePymodbus();
        Path script = dir.resolve("pymodbus_slave.py");
        try (InputStream in = PymodbusSlave.class.getResourceAsStream("/pymodbus_slave.py")) {
            Files.copy(in, script);
        }
        var command = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(dir.resolve("pymodbus.log").toFile()).start();
        var reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String ready = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readLine();
            } catch (IOException e) {
                return null;
            }
        }).completeOnTimeout(null, Patience.CHILD_PROCESS.toSeconds(), TimeUnit.SECONDS).get();
        if (ready == null || !ready.startsWith("READY")) {
            p.destroyForcibly();
            throw new IllegalStateException("pymodbus did not start: " + ready + "; its log: "
                    + Files.readString(dir.resolve("pymodbus.log")));
        }
        String[] parts = ready.split(" ");
        return new PymodbusSlave(p, parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
    }

    private static void requirePymodbus() throws Exception {
        boolean present = Files.isExecutable(PYTHON)
                && new ProcessBuilder(PYTHON.toString(), "-c", "import pymodbus.server.async_io")
                        .redirectErrorStream(true).start().waitFor() == 0;
        if (!present) {
            String message = "python3-pymodbus is not installed (apt-get install python3-pymodbus)";
            if ("required".equals(System.getProperty("weir.pymodbus"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
