package io.weir.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortFileTest {

    @TempDir
    Path dir;

    private static Process sh(String script) throws Exception {
        return new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    }

    @Test
    void readsThePortOnceTheChildHasWrittenIt() throws Exception {
        Path file = dir.resolve("port");
        Process child = sh("printf 40123 > '" + dir + "/tmp' && mv '" + dir + "/tmp' '" + file + "' && exec cat");
        try {
            assertThat(PortFile.await(file, child, Patience.CHILD_PROCESS)).isEqualTo(40123);
        } finally {
            child.destroy();
        }
    }

    @Test
    void aChildThatExitsFirstIsAnErrorAtOnce() throws Exception {
        Process child = sh("exit 3");

        assertThatThrownBy(() -> PortFile.await(dir.resolve("port"), child, Patience.CHILD_PROCESS))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exited with 3");
    }
}
