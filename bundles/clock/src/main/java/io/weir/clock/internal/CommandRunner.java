package io.weir.clock.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs a local command and returns what it printed; an interface so probes can be tested with canned answers. */
@FunctionalInterface
interface CommandRunner {

    /** @param output standard output and error, as text */
    record Result(int exitCode, String output) {
    }

    /** @return empty when the command is not installed, could not run or did not end within {@code timeout} */
    Optional<Result> run(List<String> command, Duration timeout);

    /** Runs commands found on the PATH, killing one that does not end in time. */
    CommandRunner PROCESSES = (command, timeout) -> {
        if (onPath(command.get(0)).isEmpty()) {
            return Optional.empty(); // not installed: no process started for nothing every probe
        }
        Process p = null;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
            // The answers are a few lines: they wait whole in the pipe until read.
            return Optional.of(new Result(p.exitValue(),
                    new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }
    };

    private static Optional<Path> onPath(String name) {
        if (name.contains("/")) {
            return Files.isExecutable(Path.of(name)) ? Optional.of(Path.of(name)) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        var dirs = new ArrayList<>(List.of(path.split(File.pathSeparator)));
        dirs.add("/usr/sbin"); // chronyc and timedatectl live in bin, but some systems put tools in sbin
        for (String dir : dirs) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
