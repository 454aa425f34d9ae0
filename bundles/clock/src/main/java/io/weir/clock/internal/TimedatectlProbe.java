package io.weir.clock.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.weir.clock.internal.SyncProbe.Answer;
import io.weir.clock.internal.SyncProbe.Verdict;

/**
 * {@code timedatectl show -p NTPSynchronized --value}: systemd's view of the kernel's synchronisation flag, set by
 * whichever NTP client disciplines the clock. Answers only where systemd runs as init, which systemd marks with the
 * directory {@link #SYSTEMD_BOOTED}: without it the probe answers at once, with no process started every probe.
 */
final class TimedatectlProbe implements SyncProbe {

    static final List<String> COMMAND = List.of("timedatectl", "show", "-p", "NTPSynchronized", "--value");
    /** Exists exactly when systemd is the init system (what sd_booted(3) checks). */
    static final Path SYSTEMD_BOOTED = Path.of("/run/systemd/system");

    private final Path bootedMarker;
    private final SyncProbe command;

    private TimedatectlProbe(Path bootedMarker, SyncProbe command) {
        this.bootedMarker = bootedMarker;
        this.command = command;
    }

    /** @param bootedMarker {@link #SYSTEMD_BOOTED}, or a test's stand-in */
    static SyncProbe of(CommandRunner runner, Duration timeout, Path bootedMarker) {
        return new TimedatectlProbe(bootedMarker,
                new CommandProbe("timedatectl", COMMAND, TimedatectlProbe::meaning, runner, timeout));
    }

    @Override
    public String name() {
        return command.name();
    }

    @Override
    public Answer ask() {
        if (!Files.isDirectory(bootedMarker)) {
            return new Answer(Verdict.UNAVAILABLE, bootedMarker + " does not exist: systemd is not the init system,"
                    + " so timedatectl cannot answer");
        }
        return command.ask();
    }

    static Answer meaning(CommandRunner.Result result) {
        String out = result.output().strip();
        if (result.exitCode() == 0 && out.equals("yes")) {
            return new Answer(Verdict.SYNCHRONISED, "NTPSynchronized=yes");
        }
        if (result.exitCode() == 0 && out.equals("no")) {
            return new Answer(Verdict.UNSYNCHRONISED, "NTPSynchronized=no");
        }
        return new Answer(Verdict.UNAVAILABLE, "timedatectl answered: " + CommandProbe.firstLine(out));
    }
}
