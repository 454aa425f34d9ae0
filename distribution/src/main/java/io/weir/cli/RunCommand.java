package io.weir.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code weir run}: the runtime's command line, from the installed paths and the JVM flags in {@code jvm.options}
 * (the packaged file, then {@code /etc/weir/jvm.options} when present). The {@code weir} script asks for it with
 * {@code --print0} and replaces itself with that JVM, so systemd's signals and watchdog reach the runtime itself;
 * run from Java directly, it starts the runtime as a child and waits for it.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Starts the gateway runtime with the installed paths and the JVM flags from jvm.options.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--print0", description = "Print the command line, NUL-separated, instead of running it")
    boolean print;

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<String> command = command(Installation.from(System.getenv()),
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (print) {
            PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
            for (String part : command) {
                out.print(part);
                out.print('\0');
            }
            out.flush();
            return 0;
        }
        var builder = new ProcessBuilder(command).inheritIO();
        RuntimeEnvironment.addTo(builder.environment());
        Process runtime = builder.start();
        // a signal to us is a signal to the runtime: it stops itself in order
        Thread forward = new Thread(() -> {
            runtime.toHandle().destroy();
            try {
                runtime.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "weir-run-stop");
        Runtime.getRuntime().addShutdownHook(forward);
        int exit = runtime.waitFor();
        Runtime.getRuntime().removeShutdownHook(forward);
        return exit;
    }

    static List<String> command(Installation installation, String java) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java);
        List<String> flags = jvmFlags(installation);
        command.addAll(flags);
        command.addAll(RuntimeFlags.added(java, installation.state(), installation.gatewayJar(), flags));
        command.addAll(RuntimeFlags.runtimeArguments(installation.siteFile(), installation.profilesDir(), installation.state(),
                installation.gatewayJar()));
        return command;
    }

    /** The flags of the packaged {@code jvm.options}, then those of the technician's, when there is one. */
    static List<String> jvmFlags(Installation installation) throws IOException {
        List<String> flags = new ArrayList<>(JvmOptions.read(installation.jvmOptions()));
        if (Files.isRegularFile(installation.localJvmOptions())) {
            flags.addAll(JvmOptions.read(installation.localJvmOptions()));
        }
        return List.copyOf(flags);
    }

}
