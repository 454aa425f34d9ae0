package io.weir.store.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A small real file system to fill up: the directory named by {@value #GIVEN} (a tmpfs a CI step mounted, see
 * .ci/steps/45-store-full-disk.sh), or a tmpfs this test mounts itself when it may (root with the right to mount).
 * Where neither is possible the tests that need one are skipped, and the store's recovery is still exercised by
 * {@link StoreFaultsTest} through injected SQLite errors.
 */
final class SmallFileSystem implements AutoCloseable {

    static final String GIVEN = "weir.store.fullfs.dir";

    private final Path dir;
    private final boolean mounted;

    private SmallFileSystem(Path dir, boolean mounted) {
        this.dir = dir;
        this.mounted = mounted;
    }

    /** @param size e.g. {@code 8m}, for a tmpfs this test mounts */
    static Optional<SmallFileSystem> open(Path mountPoint, String size) throws Exception {
        String given = System.getProperty(GIVEN);
        if (given != null && !given.isBlank()) {
            Path dir = Files.createTempDirectory(Path.of(given), "store");
            return Optional.of(new SmallFileSystem(dir, false));
        }
        Files.createDirectories(mountPoint);
        if (run("mount", "-t", "tmpfs", "-o", "size=" + size, "weir-test", mountPoint.toString())) {
            return Optional.of(new SmallFileSystem(mountPoint, true));
        }
        return Optional.empty();
    }

    Path dir() {
        return dir;
    }

    /** Writes a file until the file system refuses more: someone else's logs filling the disk. */
    Path fill() throws IOException {
        Path filler = dir.resolve("filler.log");
        byte[] chunk = new byte[16 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException full) {
            // No space left on device: the point.
        }
        return filler;
    }

    @Override
    public void close() throws Exception {
        if (mounted) {
            run("umount", dir.toString());
        } else {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static boolean run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false; // no mount command here
        }
    }
}
