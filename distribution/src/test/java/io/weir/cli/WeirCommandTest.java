package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The `weir` command on real files: the packaged example site file, the shipped profiles, jvm.options. */
class WeirCommandTest {

    private static final Path PROFILES = Path.of("../device-profiles/profiles");
    private static final Path EXAMPLE_SITE = Path.of("src/deb/etc/site.yaml");

    @TempDir
    Path dir;

    @Test
    void thePackagedSiteFileIsValidWithTheShippedProfiles() {
        Output out = run("check", EXAMPLE_SITE.toString(), "--profiles", PROFILES.toString());
        assertThat(out.exit()).isZero();
        assertThat(out.text()).contains(": ok: gateway gw-example-001");
    }

    @Test
    void aBrokenSiteFileIsReportedAsFileLineFieldProblemWithAFailingExitCode() throws IOException {
        Path site = dir.resolve("site.yaml");
        Files.writeString(site, Files.readString(EXAMPLE_SITE).replace("unitId: 1", "unitId: 300")
                .replace("pollInterval: 5s", "pollInterval: often"));

        Output out = run("check", site.toString(), "--profiles", PROFILES.toString());

        assertThat(out.exit()).isEqualTo(1);
        assertThat(out.text()).contains("site.yaml:19: devices[0].unitId: 300 is outside 1..247",
                "site.yaml:20: devices[0].pollInterval: ", "2 problem(s)");
    }

    @Test
    void runBuildsTheRuntimesCommandFromJvmOptionsAndTheInstalledPaths() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path config = Files.createDirectories(dir.resolve("etc"));
        Files.copy(Path.of("../target-platform/jvm.options"), home.resolve("jvm.options"));
        Files.writeString(config.resolve("jvm.options"), "# local\n-Xmx48m\n");
        var installation = Installation.from(Map.of("WEIR_HOME", home.toString(), "WEIR_CONFIG", config.toString(),
                "WEIR_STATE", dir.resolve("state").toString()));

        List<String> command = RunCommand.command(installation, "java");

        assertThat(command).startsWith("java", "-XX:+UseSerialGC", "-Xss512k").contains("-Xmx48m",
                "-Dweir.site.file=" + config.resolve("site.yaml"), "-Dweir.profiles.dir=" + config.resolve("profiles"),
                "-Dweir.data.dir=" + dir.resolve("state")).endsWith("-jar", home.resolve("weir-gateway.jar").toString());
    }

    @Test
    void theRuntimeIsStartedWithTwoMallocArenasUnlessTheUserSetsItsOwn() {
        var inherited = new HashMap<String, String>(Map.of("LANG", "C.UTF-8"));
        RuntimeEnvironment.addTo(inherited);
        assertThat(inherited).containsEntry("MALLOC_ARENA_MAX", "2").containsEntry("LANG", "C.UTF-8");

        var own = new HashMap<String, String>(Map.of("MALLOC_ARENA_MAX", "4"));
        RuntimeEnvironment.addTo(own);
        assertThat(own).containsEntry("MALLOC_ARENA_MAX", "4");
    }

    @Test
    void aJvmOptionsLineWithTwoFlagsIsNamedByFileAndLine() throws IOException {
        Path options = dir.resolve("jvm.options");
        Files.writeString(options, "# flags\n-Xss512k -Xmx64m\n");
        assertThatThrownBy(() -> JvmOptions.read(options)).hasMessage(options + ":2: '-Xss512k -Xmx64m' is not one "
                + "JVM flag (one flag a line, starting with -)");
    }

    private record Output(int exit, String text) {
    }

    private static Output run(String... args) {
        var buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new Weir()).execute(args);
            return new Output(exit, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
