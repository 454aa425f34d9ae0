package io.weir.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code weir archive-classes}: writes the runtime's class-data sharing archive before its first start, with a
 * {@link TrainingRun}. The package runs it when it is installed or upgraded, as the runtime's user; run again, it
 * finds the archive in place and starts nothing.
 */
@Command(name = "archive-classes", mixinStandardHelpOptions = true,
        description = {"Writes the runtime's class-data sharing archive into the state directory, so that even the "
                + "first start after an install or upgrade maps it: starts the runtime once, with the flags "
                + "`weir run` uses, on a training site of its own (two Modbus devices answered on loopback, no "
                + "uplink, no GPIO), and stops it cleanly.",
                "Touches nothing of the gateway's configuration or state. The package runs it on install and "
                        + "upgrade; without it the runtime writes the archive at its first clean stop."})
final class ArchiveClassesCommand implements Callable<Integer> {

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "How long the training run may take (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        Installation installation = Installation.from(System.getenv());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long started = System.nanoTime();
        Optional<TrainingRun.Result> result;
        try {
            result = TrainingRun.ensure(java, installation.state(), installation.gatewayJar(),
                    RunCommand.jvmFlags(installation), Duration.ofSeconds(timeoutSeconds));
        } catch (TrainingRun.TrainingFailed e) {
            System.err.println("weir: no class-data sharing archive written: " + e.getMessage());
            return 1;
        }
        if (result.isEmpty()) {
            System.out.println("weir: jvm.options decide about class-data sharing (-Xshare or an archive of their "
                    + "own): nothing to write");
        } else if (!result.get().trained()) {
            System.out.println("weir: class-data sharing archive in place: " + result.get().archive());
        } else {
            Path archive = result.get().archive();
            System.out.printf("weir: class-data sharing archive written: %s (%d MiB, training run of %.1f s)%n",
                    archive, Files.size(archive) >> 20, (System.nanoTime() - started) / 1e9);
        }
        return 0;
    }
}
