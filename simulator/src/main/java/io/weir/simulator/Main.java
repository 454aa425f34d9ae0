package io.weir.simulator;

import io.weir.simulator.cli.BrokerCommand;
import io.weir.simulator.cli.CountyCommand;
import io.weir.simulator.cli.FieldCommand;
import io.weir.simulator.cli.LogDefaults;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar weir-simulator.jar broker|county|field ...}: runs one stand-in until Ctrl-C. */
@Command(name = "weir-simulator", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Stand-ins for what a build machine lacks: an MQTT broker, the county case platform and "
                + "the field devices of a river station.",
        subcommands = {BrokerCommand.class, CountyCommand.class, FieldCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Before the first logger exists, or slf4j-simple never reads these.
        LogDefaults.apply();
        System.exit(commandLine().execute(args));
    }

    /** The command line, for {@link #main} and for tests that parse without running. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a stand-in to run: broker, county or field");
    }

    /** The version from the jar's manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"weir-simulator " + (version == null ? "(development build)" : version)};
        }
    }
}
