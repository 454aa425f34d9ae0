package io.weir.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code weir} command of an installed gateway: checks a site file the way the runtime reads it, and builds
 * the runtime's command line from the installed paths and {@code jvm.options}.
 */
@Command(name = "weir", mixinStandardHelpOptions = true, versionProvider = Weir.Version.class,
        description = "The Weir edge gateway runtime.",
        subcommands = {CheckCommand.class, RunCommand.class, ArchiveClassesCommand.class})
public final class Weir implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Weir()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The version the build wrote into {@code weir-cli.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Weir.class.getResourceAsStream("/weir-cli.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"weir " + p.getProperty("version", "(unknown version)")};
        }
    }
}
