package io.weir.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code weir-ops package}: weir-dp's build, sign and verify (the same commands, not copies), and register, list and
 * delete at the adapter.
 */
final class PackageCommands {
    private PackageCommands() {
    }

    /** Adds the adapter's commands to weir-dp's command line, which becomes {@code weir-ops package}. */
    static CommandLine attachTo(CommandLine weirDp) {
        weirDp.getCommandSpec().name("package");
        weirDp.getCommandSpec().usageMessage().description("Build, sign and verify deployment packages (weir-dp), "
                + "and register, list and delete them at the adapter.");
        weirDp.addSubcommand("register", new Register());
        weirDp.addSubcommand("list", new ListPackages());
        weirDp.addSubcommand("delete", new Delete());
        return weirDp;
    }

    @Command(name = "register", mixinStandardHelpOptions = true, description = {"Register a signed package at the "
            + "adapter, which checks its signature against its trusted signers.",
            "The adapter reads the file at the path given: run this where the adapter sees the same file."})
    static final class Register implements Callable<Integer> {
        @Parameters(paramLabel = "PACKAGE", description = "The signed .dp file.")
        Path file;

        @Option(names = "--url", required = true, paramLabel = "URL",
                description = "Where gateways download it (https).")
        String url;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(file)) {
                throw new OpsException("no such file: " + file);
            }
            JsonNode p = WeirOps.root(spec).adapter.client().post("api/v1/ops/deploy/packages",
                    Map.of("file", file.toAbsolutePath().toString(), "url", url));
            Out.print(spec, p, () -> "registered " + p.path("name").asText() + " " + p.path("version").asText()
                    + " (sha256 " + p.path("sha256").asText() + ", " + p.path("sizeBytes").asLong() + " bytes)");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the registered packages.")
    static final class ListPackages implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode answer = WeirOps.root(spec).adapter.client().get("api/v1/ops/deploy/packages");
            Out.print(spec, answer, () -> {
                Table table = new Table("NAME", "VERSION", "BYTES", "REGISTERED", "URL");
                answer.path("items").forEach(p -> table.row(p.path("name").asText(), p.path("version").asText(),
                        p.path("sizeBytes").asText(), p.path("registeredAt").asText(), p.path("url").asText()));
                return table;
            });
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a package no rollout names (one registered by mistake can then be registered again).")
    static final class Delete implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "VERSION")
        String version;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode answer = WeirOps.root(spec).adapter.client().delete("api/v1/ops/deploy/packages/" + name + "/"
                    + version);
            Out.print(spec, answer, () -> "deleted " + name + " " + version);
            return 0;
        }
    }
}
