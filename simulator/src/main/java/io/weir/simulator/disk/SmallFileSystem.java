package io.weir.simulator.disk;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A small real file system to fill up, the classic field failure of an SD card: the directory named by the system
 * property {@value #GIVEN} (a tmpfs a CI step mounted, see .ci/steps/45-store-full-disk.sh), or a tmpfs mounted
 * here when the process may (root with the right to mount). Where neither is possible, {@link #open} says so and
 * the caller skips.
 */
public final class SmallFileSystem implements AutoCloseable {

    /** System property naming a mounted small file system to use instead of mounting one. */
    public static final String GIVEN = "weir.fullfs.dir";

    private final Path dir;
    private final boolean mounted;

    private SmallFileSystem(Path dir, boolean mounted) {
        this.dir = dir;
        this.mounted = mounted;
    }

    /**
     * @param mountPoint where to mount a tmpfs when none is given (created if needed)
     * @param size       the tmpfs size as mount takes it, e.g. {@code 8m}
     * @return empty when no small file system is given and none can be mounted
     */
    public static Optional<SmallFileSystem> open(Path mountPoint, String size) throws IOException,
            InterruptedException {
        String given = System.getProperty(GIVEN);
        if (given != null && !given.isBlank()) {
            return Optional.of(new SmallFileSystem(Files.createTempDirectory(Path.of(given), "fs"), false));
        }
        Files.createDirectories(mountPoint);
        if (run("mount", "-t", "tmpfs", "-o", "size=" + size, "weir-test", mountPoint.toString())) {
            return Optional.of(new SmallFileSystem(mountPoint, true));
        }
        return Optional.empty();
    }

    public Path dir() {
        return dir;
    }

    /** Writes a file until the file system refuses more, as someone else's logs would; returns the file. */
    public Path fill() throws IOException {
        Path filler = dir.resolve("filler.log");
        byte[] chunk = new byte[16 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException noSpaceLeft) {
            return filler; // the point
        }
    }

    /** Unmounts what was mounted here; empties a given directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (mounted) {
            run("umount", dir.toString());
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static boolean run(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false; // no mount command here
        }
    }
}
