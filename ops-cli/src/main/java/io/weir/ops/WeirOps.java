package io.weir.ops;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code weir-ops}: signing keys, signed deployment packages, groups, rollouts (start, steer, watch), gateways, alarms
 * and cases, through the cloud adapter's operations API (docs/operations.md "Fleet operations with weir-ops").
 * Exit codes: 0 done, 1 refused or failed (the reason on one line), 2 usage error, 3 a watched rollout ended without
 * every gateway succeeding, or halted.
 */
@Command(name = "weir-ops", mixinStandardHelpOptions = true, versionProvider = WeirOps.Version.class,
        description = "Operations for a fleet of Weir gateways, through the cloud adapter's API.",
        subcommands = {KeyCommands.class, GroupCommands.class, RolloutCommands.class, FleetCommands.Gateways.class,
                FleetCommands.Alarms.class, FleetCommands.Cases.class, AutoComplete.GenerateCompletion.class})
public final class WeirOps implements Runnable {
    /** Exit code of a watched rollout that ended without every gateway succeeding, or halted. */
    public static final int ROLLOUT_NOT_CLEAN = 3;

    @Mixin
    AdapterOptions adapter;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The whole command tree, for {@link #main} and for tests, which run it in-process with their own out and err. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new WeirOps());
        line.addSubcommand("package", PackageCommands.attachTo(io.weir.deploy.packaging.Main.commandLine()));
        line.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof OpsException || e instanceof IOException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        line.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false)
                .description("Print a bash/zsh completion script: source <(weir-ops generate-completion)");
        return line;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: key, package, group, rollout, gateway, "
                + "alarm, case or generate-completion");
    }

    /** The root command, holding the options every subcommand inherits. */
    static WeirOps root(CommandSpec spec) {
        return (WeirOps) spec.root().userObject();
    }

    /** The version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = WeirOps.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"weir-ops " + properties.getProperty("version", "(unknown version)")};
        }
    }
}
