package io.weir.clock.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.weir.clock.internal.SyncProbe.Answer;
import io.weir.clock.internal.SyncProbe.Verdict;

/**
 * {@code chronyc -n tracking}: chrony's leap status is {@code Normal} (or an announced leap second) once it has
 * synchronised the clock, {@code Not synchronised} before. Answers only where chronyd runs.
 */
final class ChronyProbe {

    static final List<String> COMMAND = List.of("chronyc", "-n", "tracking");

    private ChronyProbe() {
    }

    static SyncProbe of(CommandRunner runner, Duration timeout) {
        return new CommandProbe("chrony", COMMAND, ChronyProbe::meaning, runner, timeout);
    }

    static Answer meaning(CommandRunner.Result result) {
        if (result.exitCode() != 0) {
            return new Answer(Verdict.UNAVAILABLE, "chronyc: " + CommandProbe.firstLine(result.output()));
        }
        Optional<String> leap = result.output().lines()
                .filter(line -> line.startsWith("Leap status"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst();
        if (leap.isEmpty()) {
            return new Answer(Verdict.UNAVAILABLE, "chronyc tracking printed no leap status");
        }
        return leap.get().equals("Not synchronised")
                ? new Answer(Verdict.UNSYNCHRONISED, "chrony leap status: Not synchronised")
                : new Answer(Verdict.SYNCHRONISED, "chrony leap status: " + leap.get());
    }
}
