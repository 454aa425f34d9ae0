package io.weir.launcher;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The runtime's directories under the data directory: {@code framework/} holds the OSGi framework's storage
 * (installed bundles and deployment packages, ConfigAdmin's persisted configurations, which include the MQTT
 * password and CoAP keys), {@code tmp/} what libraries unpack at start (native libraries, the launcher's own
 * jars), so that nothing is left in /tmp. All of it is readable by the runtime's user only.
 *
 * @param dataDir      {@code weir.data.dir}, absolute
 * @param frameworkDir the framework storage, kept across restarts
 * @param tmpDir       emptied at every start
 */
public record RuntimeLayout(Path dataDir, Path frameworkDir, Path tmpDir) {

    public static final String DATA_DIR_PROPERTY = "weir.data.dir";
    public static final String DEFAULT_DATA_DIR = "data";

    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    public static RuntimeLayout from(UnaryOperator<String> properties) {
        String configured = properties.apply(DATA_DIR_PROPERTY);
        Path data = Path.of(configured == null || configured.isBlank() ? DEFAULT_DATA_DIR : configured.trim())
                .toAbsolutePath().normalize();
        return new RuntimeLayout(data, data.resolve("framework"), data.resolve("tmp"));
    }

    /**
     * Creates the directories owner-only and takes group and other permissions away from everything already in
     * the framework storage (a runtime that ran before this existed left them world-readable).
     */
    public void prepare() throws IOException {
        ownerOnlyDirectory(dataDir);
        ownerOnlyDirectory(frameworkDir);
        restrictTree(frameworkDir);
        if (Files.exists(tmpDir)) {
            deleteTree(tmpDir);
        }
        ownerOnlyDirectory(tmpDir);
    }

    /**
     * The properties bnd's launcher, the JDK and the bundles read: framework storage kept in the data directory,
     * temporary files under it, and the data directory as one absolute path every bundle agrees on.
     */
    public void exportTo(BiConsumer<String, String> properties) {
        properties.accept(DATA_DIR_PROPERTY, dataDir.toString());
        properties.accept("launch.keep", "true");
        properties.accept("launch.storage.dir", frameworkDir.toString());
        properties.accept("java.io.tmpdir", tmpDir.toString());
    }

    private static void ownerOnlyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        setPermissions(dir, OWNER_DIRECTORY);
    }

    private static void restrictTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                setPermissions(dir, OWNER_DIRECTORY);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    setPermissions(file, OWNER_FILE);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void setPermissions(Path path, Set<PosixFilePermission> permissions) throws IOException {
        // POSIX file systems only; on others (a FAT-formatted card) there is nothing to set
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view != null) {
            view.setPermissions(permissions);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
