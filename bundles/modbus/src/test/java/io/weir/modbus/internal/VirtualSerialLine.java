package io.weir.modbus.internal;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

import io.weir.testing.Patience;

/**
 * Two pseudo-terminals joined back to back by socat: a serial line without hardware. What one end writes, the
 * other reads, byte for byte; line settings are accepted and ignored, as a pty does.
 */
final class VirtualSerialLine implements AutoCloseable {

    private static final Path SOCAT = Path.of("/usr/bin/socat");

    private final Process socat;
    private final Path gatewayEnd;
    private final Path deviceEnd;

    private VirtualSerialLine(Process socat, Path gatewayEnd, Path deviceEnd) {
        this.socat = socat;
        this.gatewayEnd = gatewayEnd;
        this.deviceEnd = deviceEnd;
    }

    /**
     * Opens a line in {@code dir}. Without socat the test is skipped, unless the build says serial tests are
     * required ({@code -Dweir.serial=required}, as the CI interop step does), when it fails.
     */
    static VirtualSerialLine open(Path dir) throws IOException {
        if (!Files.isExecutable(SOCAT)) {
            String message = "socat is not installed (apt-get install socat): no virtual serial line";
            if ("required".equals(System.getProperty("weir.serial"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
        Path gateway = dir.resolve("ttyGateway");
        Path device = dir.resolve("ttyDevice");
        Process p = new ProcessBuilder(SOCAT.toString(), "pty,raw,echo=0,link=" + gateway,
                "pty,raw,echo=0,link=" + device).redirectErrorStream(true).start();
        await("socat's two ptys").atMost(Patience.CHILD_PROCESS)
                .until(() -> (Files.exists(gateway) && Files.exists(device)) || !p.isAlive());
        if (!p.isAlive()) {
            throw new IOException("socat exited: " + new String(p.getInputStream().readAllBytes()));
        }
        return new VirtualSerialLine(p, gateway, device);
    }

    Path gatewayEnd() {
        return gatewayEnd;
    }

    Path deviceEnd() {
        return deviceEnd;
    }

    @Override
    public void close() throws InterruptedException {
        socat.destroy();
        socat.waitFor();
    }
}
