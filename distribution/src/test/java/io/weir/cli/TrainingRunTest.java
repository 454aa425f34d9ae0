package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weir archive-classes}' training run with the real runtime jar and its shipped flags: the archive it leaves
 * is the one the next {@code weir run} maps, and it holds the classes of polling, rules, the store and the uplink.
 */
class TrainingRunTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void theArchiveItWritesIsTheOneTheRuntimeMapsAndHoldsThePollingPath() throws Exception {
        Path gatewayJar = Path.of(System.getProperty("weir.gateway.jar"));
        List<String> flags = JvmOptions.read(gatewayJar.resolveSibling("jvm.options"));
        Path state = dir.resolve("state");

        TrainingRun.Result trained = TrainingRun.ensure(JAVA, state, gatewayJar, flags, TIMEOUT).orElseThrow();

        assertThat(trained.trained()).isTrue();
        assertThat(list(state)).as("nothing of the training run is left but the archive")
                .containsExactly(trained.archive());
        List<String> added = RuntimeFlags.added(JAVA, state, gatewayJar, flags);
        assertThat(added).contains("-XX:SharedArchiveFile=" + trained.archive());
        assertThat(archivedClasses(gatewayJar, flags, added)).contains(
                "io.weir.modbus.internal.DevicePoller", "io.weir.rules.internal.AlarmTracker",
                "io.weir.store.internal.StoreComponent", "io.weir.site.internal.SiteLoader",
                "org.eclipse.paho.client.mqttv3.MqttAsyncClient", "org.eclipse.osgi.internal.framework.EquinoxContainer");
        assertThat(TrainingRun.ensure(JAVA, state, gatewayJar, flags, TIMEOUT))
                .contains(new TrainingRun.Result(trained.archive(), false));
    }

    @Test
    void aRuntimeThatEndsBeforeItPollsIsReportedWithItsExitCodeAndOutput() throws IOException {
        Path jar = RunnableJar.write(dir.resolve("ends.jar"), EndsAtOnce.class);
        Path state = dir.resolve("state");
        // what a training run killed with its dpkg left
        Files.createDirectories(state.resolve("training-123/data/framework"));

        assertThatThrownBy(() -> TrainingRun.ensure(JAVA, state, jar, List.of("-Xmx32m"), TIMEOUT))
                .isInstanceOf(TrainingRun.TrainingFailed.class)
                .hasMessageContaining("ended with exit code 3 before it polled its devices")
                .hasMessageContaining("no site for me");
        assertThat(list(state)).as("no scratch directory left, this run's or an older one's")
                .allMatch(f -> !Files.isDirectory(f));
    }

    @Test
    void jvmFlagsThatDecideSharingThemselvesStartNothing() throws Exception {
        Path jar = RunnableJar.write(dir.resolve("ends.jar"), EndsAtOnce.class);

        assertThat(TrainingRun.ensure(JAVA, dir.resolve("state"), jar, List.of("-Xshare:off"), TIMEOUT)).isEmpty();
    }

    @Test
    void theTrainingSiteIsOneTheGatewayAccepts() throws IOException {
        Path site = TrainingRun.writeSite(dir, 1502, 1883);

        assertThat(io.weir.site.internal.SiteCheck.check(site, dir.resolve(Installation.PROFILES_SUBDIR)).ok())
                .isTrue();
    }

    /** The class names the archive lists, as the JVM that maps it with these flags reads it. */
    private static List<String> archivedClasses(Path gatewayJar, List<String> flags, List<String> added)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(JAVA);
        command.addAll(flags);
        command.addAll(added);
        command.addAll(List.of("-XX:+PrintSharedArchiveAndExit", "-cp", gatewayJar.toString(), "-version"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        // lines like "  2205: io.weir.modbus.internal.DevicePoller unregistered_loader"
        return out.lines().map(String::strip).filter(l -> l.matches("\\d+: \\S+ .*"))
                .map(l -> l.split(" ")[1]).toList();
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    /** A "runtime" that gives up at once. */
    public static final class EndsAtOnce {
        public static void main(String[] args) {
            System.out.println("no site for me");
            System.exit(3);
        }
    }
}
