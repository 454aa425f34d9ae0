package io.weir.bench.modbus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Two pseudo-terminals joined by socat: a serial line without hardware. */
final class VirtualSerialPair implements AutoCloseable {

    private final Process socat;
    final Path gatewayEnd;
    final Path deviceEnd;

    VirtualSerialPair(Path dir) throws IOException, InterruptedException {
        gatewayEnd = dir.resolve("ttyGateway");
        deviceEnd = dir.resolve("ttyDevice");
        socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + gatewayEnd, "pty,raw,echo=0,link=" + deviceEnd)
                .redirectErrorStream(true).start();
        for (int i = 0; i < 100 && !(Files.exists(gatewayEnd) && Files.exists(deviceEnd)); i++) {
            if (!socat.isAlive()) {
                throw new IOException("socat exited: " + new String(socat.getInputStream().readAllBytes()));
            }
            Thread.sleep(50); // a harness, not a test: socat needs a moment to make its links
        }
    }

    @Override
    public void close() throws InterruptedException {
        socat.destroy();
        socat.waitFor();
    }
}
