package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flags `weir run` adds to jvm.options', on this machine's JVM. */
class RuntimeFlagsTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    @Test
    void theNativeHeapIsTrimmedWhereTheJvmCanAndTheArchiveComesLast() throws IOException {
        Path jar = Files.writeString(dir.resolve("weir-gateway.jar"), "not started here");
        assertThat(RuntimeFlags.knows("TrimNativeHeapInterval")).as("OpenJDK 17.0.9 or later builds this")
                .isEqualTo(Runtime.version().compareTo(Runtime.Version.parse("17.0.9")) >= 0);
        assumeTrue(RuntimeFlags.knows("TrimNativeHeapInterval"), "this JVM cannot trim its native heap");

        List<String> added = RuntimeFlags.added(JAVA, dir.resolve("data"), jar, List.of("-Xmx64m"));

        assertThat(added.get(0)).isEqualTo(RuntimeFlags.TRIM_NATIVE_HEAP);
        assertThat(added.get(1)).startsWith("-XX:ArchiveClassesAtExit=");
    }

    @Test
    void aTrimIntervalOfTheUsersOwnWins() throws IOException {
        Path jar = Files.writeString(dir.resolve("weir-gateway.jar"), "not started here");

        List<String> added = RuntimeFlags.added(JAVA, dir.resolve("data"), jar,
                List.of("-XX:TrimNativeHeapInterval=0", "-Xshare:off"));

        assertThat(added).isEmpty();
    }

    @Test
    void anOptionTheJvmDoesNotHaveIsNotAdded() {
        assertThat(RuntimeFlags.knows("NoSuchOptionInAnyJvm")).isFalse();
    }
}
