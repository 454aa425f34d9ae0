package io.weir.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The port a child process bound, as it reports it in a file once it listens (the simulator's {@code --port-file}):
 * the child binds port 0 and says what it got, so nothing stands between finding a port and listening on it. The
 * child must write the file whole in one step (write elsewhere, then move it in place).
 */
public final class PortFile {

    private PortFile() {
    }

    /**
     * Waits until {@code file} names a port, and returns it.
     *
     * @throws IllegalStateException when the child exits first, or {@code atMost} passes
     */
    public static int await(Path file, Process child, Duration atMost) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        try (WatchService watch = file.getFileSystem().newWatchService()) {
            file.toAbsolutePath().getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
            // the child's end wakes the wait below at once
            child.onExit().thenRun(() -> closeQuietly(watch));
            while (true) {
                Integer port = read(file);
                if (port != null) {
                    return port;
                }
                if (!child.isAlive()) {
                    throw new IllegalStateException("the process exited with " + child.exitValue()
                            + " before it reported its port in " + file);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no port in " + file + " within " + atMost);
                }
                try {
                    var key = watch.poll(left, TimeUnit.NANOSECONDS);
                    if (key != null) {
                        key.pollEvents();
                        key.reset();
                    }
                } catch (ClosedWatchServiceException e) {
                    // the child exited: read the file once more, then say so
                    Integer last = read(file);
                    if (last != null) {
                        return last;
                    }
                    throw new IllegalStateException("the process exited with " + child.waitFor()
                            + " before it reported its port in " + file);
                }
            }
        }
    }

    private static Integer read(Path file) {
        try {
            String text = Files.exists(file) ? Files.readString(file, StandardCharsets.US_ASCII).strip() : "";
            return text.isEmpty() ? null : Integer.valueOf(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(WatchService watch) {
        try {
            watch.close();
        } catch (IOException e) {
            // closed already
        }
    }
}
