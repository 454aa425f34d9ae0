package io.weir.clock.internal;

import java.time.Duration;
import java.util.List;

import io.weir.clock.internal.SyncProbe.Answer;
import io.weir.clock.internal.SyncProbe.Verdict;

/**
 * {@code timedatectl show -p NTPSynchronized --value}: systemd's view of the kernel's synchronisation flag, set by
 * whichever NTP client disciplines the clock. Answers only where systemd runs as init.
 */
final class TimedatectlProbe {

    static final List<String> COMMAND = List.of("timedatectl", "show", "-p", "NTPSynchronized", "--value");

    private TimedatectlProbe() {
    }

    static SyncProbe of(CommandRunner runner, Duration timeout) {
        return new CommandProbe("timedatectl", COMMAND, TimedatectlProbe::meaning, runner, timeout);
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
