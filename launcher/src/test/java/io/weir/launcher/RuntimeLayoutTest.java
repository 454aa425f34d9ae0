package io.weir.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeLayoutTest {

    @TempDir
    Path dir;

    @Test
    void theFrameworkStorageIsKeptOwnerOnlyInTheDataDirectory() throws Exception {
        Path data = dir.resolve("data");
        Path leftByAnOlderRuntime = Files.createDirectories(data.resolve("framework/org.eclipse.osgi"))
                .resolve("config.cfg");
        Files.writeString(leftByAnOlderRuntime, "password=secret");
        Files.setPosixFilePermissions(leftByAnOlderRuntime, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createDirectories(data.resolve("tmp")).resolve("stale.jar").toFile().createNewFile();

        RuntimeLayout layout = RuntimeLayout.from(Map.of("weir.data.dir", data.toString())::get);
        layout.prepare();
        Map<String, String> properties = new HashMap<>();
        layout.exportTo(properties::put);

        assertThat(permissions(data)).isEqualTo("rwx------");
        assertThat(permissions(data.resolve("framework"))).isEqualTo("rwx------");
        assertThat(permissions(data.resolve("framework/org.eclipse.osgi"))).isEqualTo("rwx------");
        assertThat(permissions(leftByAnOlderRuntime)).isEqualTo("rw-------");
        assertThat(data.resolve("tmp")).isEmptyDirectory();
        assertThat(properties).containsEntry("launch.keep", "true")
                .containsEntry("launch.storage.dir", data.resolve("framework").toString())
                .containsEntry("java.io.tmpdir", data.resolve("tmp").toString())
                .containsEntry("weir.data.dir", data.toString());
    }

    @Test
    void theDataDirectoryDefaultsToDataInTheWorkingDirectory() {
        assertThat(RuntimeLayout.from(name -> null).dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
