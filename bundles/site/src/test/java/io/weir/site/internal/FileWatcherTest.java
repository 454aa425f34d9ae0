package io.weir.site.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher against the real file system. No sleeps: the test blocks until the callback arrives; the timeout
 * only bounds a failure.
 */
class FileWatcherTest {

    @TempDir
    Path dir;

    @Test
    void callsBackForRelevantFilesOnly() throws IOException, InterruptedException {
        Path watched = dir.resolve("site.yaml").toAbsolutePath();
        var calls = new LinkedBlockingQueue<String>();
        try (var watcher = new FileWatcher(List.of(dir), watched::equals, Duration.ofMillis(50),
                () -> calls.add("reload"))) {
            watcher.start();

            Files.writeString(dir.resolve("notes.txt"), "not watched");
            Files.writeString(watched, "gateway: {id: gw-1}");

            assertThat(calls.poll(30, TimeUnit.SECONDS)).isEqualTo("reload");
        }
    }

    @Test
    void closeStopsTheThread() throws IOException {
        var watcher = new FileWatcher(List.of(dir), p -> true, Duration.ofMillis(50), () -> { });
        watcher.start();

        watcher.close();

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("weir-site-watcher")
                && t.isAlive());
    }
}
