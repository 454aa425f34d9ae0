package io.weir.clock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.clock.internal.SyncProbe.Verdict;

/** What each local source's answer means; the commands' answers are canned, or a real script's. */
class ProbesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static CommandRunner answering(int exit, String output) {
        return (command, timeout) -> Optional.of(new CommandRunner.Result(exit, output));
    }

    private static final CommandRunner ABSENT = (command, timeout) -> Optional.empty();

    @Test
    void timedatectlSaysWhatTheKernelFlagSays() throws Exception {
        Path booted = Files.createDirectories(dir.resolve("systemd-system"));
        assertThat(TimedatectlProbe.of(answering(0, "yes\n"), TIMEOUT, booted).ask().verdict())
                .isEqualTo(Verdict.SYNCHRONISED);
        assertThat(TimedatectlProbe.of(answering(0, "no\n"), TIMEOUT, booted).ask().verdict())
                .isEqualTo(Verdict.UNSYNCHRONISED);
        SyncProbe.Answer noSystemd = TimedatectlProbe.of(answering(1,
                "System has not been booted with systemd as init system (PID 1). Can't operate.\n"), TIMEOUT, booted)
                .ask();
        assertThat(noSystemd.verdict()).isEqualTo(Verdict.UNAVAILABLE);
        assertThat(noSystemd.detail()).contains("has not been booted with systemd");
        assertThat(TimedatectlProbe.of(ABSENT, TIMEOUT, booted).ask().verdict()).isEqualTo(Verdict.UNAVAILABLE);
    }

    @Test
    void timedatectlIsNotRunWhereSystemdIsNotTheInitSystem() {
        var runs = new AtomicInteger();
        CommandRunner counting = (command, timeout) -> {
            runs.incrementAndGet();
            return Optional.of(new CommandRunner.Result(0, "yes\n"));
        };
        SyncProbe.Answer answer = TimedatectlProbe.of(counting, TIMEOUT, dir.resolve("no-systemd")).ask();
        assertThat(answer.verdict()).isEqualTo(Verdict.UNAVAILABLE);
        assertThat(answer.detail()).contains("systemd is not the init system");
        assertThat(runs).hasValue(0);
    }

    @Test
    void chronyIsSynchronisedUnlessItsLeapStatusSaysNot() {
        String tracking = """
                Reference ID    : C0A80101 (192.168.1.1)
                Stratum         : 3
                System time     : 0.000012 seconds fast of NTP time
                Leap status     : %s
                """;
        assertThat(ChronyProbe.of(answering(0, tracking.formatted("Normal")), TIMEOUT).ask().verdict())
                .isEqualTo(Verdict.SYNCHRONISED);
        assertThat(ChronyProbe.of(answering(0, tracking.formatted("Insert second")), TIMEOUT).ask().verdict())
                .isEqualTo(Verdict.SYNCHRONISED);
        assertThat(ChronyProbe.of(answering(0, tracking.formatted("Not synchronised")), TIMEOUT).ask().verdict())
                .isEqualTo(Verdict.UNSYNCHRONISED);
        assertThat(ChronyProbe.of(answering(1, "506 Cannot talk to daemon\n"), TIMEOUT).ask().verdict())
                .isEqualTo(Verdict.UNAVAILABLE);
        assertThat(ChronyProbe.of(ABSENT, TIMEOUT).ask().verdict()).isEqualTo(Verdict.UNAVAILABLE);
    }

    @Test
    void timesyncdIsSynchronisedOnceItsFlagFileExists() throws Exception {
        Path run = dir.resolve("timesync");
        var probe = new TimesyncdProbe(run);
        assertThat(probe.ask().verdict()).as("not running").isEqualTo(Verdict.UNAVAILABLE);
        Files.createDirectories(run);
        assertThat(probe.ask().verdict()).isEqualTo(Verdict.UNSYNCHRONISED);
        Files.createFile(run.resolve("synchronized"));
        assertThat(probe.ask().verdict()).isEqualTo(Verdict.SYNCHRONISED);
    }

    @Test
    void commandsRunAsRealProcessesAndAMissingOneIsNotStarted() throws Exception {
        Path script = dir.resolve("fake-timedatectl");
        Files.writeString(script, "#!/bin/sh\necho \"$@\"\nexit 3\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Optional<CommandRunner.Result> result = CommandRunner.PROCESSES.run(
                List.of(script.toString(), "show", "-p", "NTPSynchronized"), TIMEOUT);
        assertThat(result).hasValueSatisfying(r -> {
            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.output()).isEqualTo("show -p NTPSynchronized\n");
        });
        assertThat(CommandRunner.PROCESSES.run(List.of(dir.resolve("absent").toString()), TIMEOUT)).isEmpty();
        assertThat(CommandRunner.PROCESSES.run(List.of("weir-no-such-command-here"), TIMEOUT)).isEmpty();
    }

    @Test
    void aCommandThatHangsIsKilledAndCountsAsNoAnswer() throws Exception {
        Path script = dir.resolve("hangs");
        Files.writeString(script, "#!/bin/sh\nexec sleep 600\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(CommandRunner.PROCESSES.run(List.of(script.toString()), Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void sourcesAreBuiltInTheirConfiguredOrderAndNtpNeedsAServer() {
        var options = new ClockOptions(List.of("ntp", " Chrony ", "timesyncd"), "10.0.0.1", 123,
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(1), java.time.Instant.EPOCH);
        assertThat(options.probes(ABSENT)).extracting(SyncProbe::name).containsExactly("ntp", "chrony", "timesyncd");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ClockOptions(List.of("ntp"), "", 123,
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(1), java.time.Instant.EPOCH))
                .hasMessageContaining("ntp needs an ntpServer");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ClockOptions(List.of("gps"), "", 123,
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(1), java.time.Instant.EPOCH))
                .hasMessageContaining("'gps' is not one of");
    }
}
