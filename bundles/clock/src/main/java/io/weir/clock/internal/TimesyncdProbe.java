package io.weir.clock.internal;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * systemd-timesyncd, the Raspberry Pi OS default: it creates {@code /run/systemd/timesync/synchronized} once it has
 * synchronised the clock since boot. Without its run directory timesyncd is not running and cannot answer.
 */
final class TimesyncdProbe implements SyncProbe {

    static final Path RUN_DIR = Path.of("/run/systemd/timesync");

    private final Path runDir;

    TimesyncdProbe(Path runDir) {
        this.runDir = runDir;
    }

    @Override
    public String name() {
        return "timesyncd";
    }

    @Override
    public Answer ask() {
        if (!Files.isDirectory(runDir)) {
            return new Answer(Verdict.UNAVAILABLE, runDir + " does not exist: timesyncd is not running");
        }
        Path flag = runDir.resolve("synchronized");
        return Files.exists(flag)
                ? new Answer(Verdict.SYNCHRONISED, "timesyncd synchronised the clock (" + flag + " exists)")
                : new Answer(Verdict.UNSYNCHRONISED, "timesyncd has not synchronised the clock since boot");
    }
}
