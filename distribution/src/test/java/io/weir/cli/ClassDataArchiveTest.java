package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's class-data sharing archive with real JVMs: a small runnable jar stands in for the gateway jar; it
 * is started as {@code weir run} starts the runtime, writes its archive at exit, and the next start maps it.
 */
class ClassDataArchiveTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final List<String> FLAGS = List.of("-XX:+UseSerialGC", "-Xmx32m");

    @TempDir
    Path dir;

    private Path jar;
    private Path data;

    @BeforeEach
    void aRunnableJar() throws IOException {
        jar = RunnableJar.write(dir.resolve("app.jar"), ArchivedApp.class);
        data = Files.createDirectories(dir.resolve("data"));
    }

    @Test
    void aFirstStartWritesTheArchiveAtExitAndTheNextStartMapsIt() throws Exception {
        List<String> first = ClassDataArchive.flags(JAVA, data, jar, FLAGS);
        assertThat(first).anyMatch(f -> f.startsWith("-XX:ArchiveClassesAtExit=" + data.toAbsolutePath()));
        Run written = start(first);
        assertThat(written.exit()).as(written.output()).isZero();
        assertThat(written.output()).doesNotContain("warning");

        List<String> next = ClassDataArchive.flags(JAVA, data, jar, FLAGS);

        assertThat(next).singleElement().asString().startsWith("-XX:SharedArchiveFile=").endsWith(".jsa");
        assertThat(archives()).singleElement().asString().endsWith(".jsa");
        List<String> logged = new ArrayList<>(next);
        logged.add("-Xlog:class+load=info");
        Run mapped = start(logged);
        assertThat(mapped.exit()).isZero();
        assertThat(mapped.output()).contains(ArchivedApp.class.getName() + " source: shared objects file (top)");
        assertThat(ClassDataArchive.flags(JAVA, data, jar, FLAGS)).isEqualTo(next);
    }

    @Test
    void anArchiveCutShortIsThrownAwayAndWrittenAgainNotMapped() throws Exception {
        List<String> first = ClassDataArchive.flags(JAVA, data, jar, FLAGS);
        assertThat(start(first).exit()).isZero();
        Path written = archives().get(0);
        byte[] whole = Files.readAllBytes(written);
        // a power cut while the JVM wrote it: a JVM that mapped this would die of SIGBUS
        Files.write(written, Arrays.copyOf(whole, whole.length / 2));

        List<String> crashReports = crashReports();

        List<String> next = ClassDataArchive.flags(JAVA, data, jar, FLAGS);

        assertThat(next).isEqualTo(first);
        assertThat(archives()).isEmpty();
        assertThat(crashReports()).as("the probe that died of it left no crash report").isEqualTo(crashReports);
    }

    @Test
    void anArchiveAnotherRuntimeLeftIsRemovedOnceThisOnesIsInPlace() throws Exception {
        assertThat(start(ClassDataArchive.flags(JAVA, data, jar, FLAGS)).exit()).isZero();
        List<String> mapped = ClassDataArchive.flags(JAVA, data, jar, FLAGS);
        // what the runtime an upgrade replaced wrote when it stopped, after the new one's archive was made
        Path older = Files.write(data.resolve(ClassDataArchive.PREFIX + "0123456789abcdef" + ClassDataArchive.SUFFIX
                + ClassDataArchive.WRITTEN), new byte[] {1, 2, 3});

        assertThat(ClassDataArchive.flags(JAVA, data, jar, FLAGS)).isEqualTo(mapped);
        assertThat(older).doesNotExist();
        assertThat(archives()).hasSize(1);
    }

    @Test
    void changedFlagsOrAnotherJarWriteANewArchiveAndRemoveTheOldOne() throws Exception {
        assertThat(start(ClassDataArchive.flags(JAVA, data, jar, FLAGS)).exit()).isZero();
        assertThat(ClassDataArchive.flags(JAVA, data, jar, FLAGS)).singleElement().asString()
                .startsWith("-XX:SharedArchiveFile=");

        List<String> otherFlags = List.of("-XX:+UseSerialGC", "-Xmx48m");
        List<String> next = ClassDataArchive.flags(JAVA, data, jar, otherFlags);

        assertThat(next).anyMatch(f -> f.startsWith("-XX:ArchiveClassesAtExit="));
        assertThat(archives()).isEmpty();
    }

    @Test
    void flagsThatDecideSharingThemselvesWin() throws IOException {
        assertThat(ClassDataArchive.flags(JAVA, data, jar, List.of("-Xshare:off"))).isEmpty();
        assertThat(ClassDataArchive.flags(JAVA, data, jar, List.of("-XX:SharedArchiveFile=/elsewhere.jsa")))
                .isEmpty();
        assertThat(ClassDataArchive.flags(JAVA, data, dir.resolve("missing.jar"), FLAGS)).isEmpty();
    }

    /** Crash reports in the working directory, where a crashing JVM writes them unless told otherwise. */
    private static List<String> crashReports() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("").toAbsolutePath())) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("hs_err_pid")).sorted().toList();
        }
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(data)) {
            return files.filter(f -> f.getFileName().toString().startsWith(ClassDataArchive.PREFIX)).toList();
        }
    }

    private Run start(List<String> cdsFlags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(JAVA);
        command.addAll(FLAGS);
        command.addAll(cdsFlags);
        command.addAll(List.of("-jar", jar.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    private record Run(int exit, String output) {
    }

    /** The stand-in gateway: loads a class of its own jar and ends. */
    public static final class ArchivedApp {
        public static void main(String[] args) {
            System.out.println("ran");
        }
    }
}
