package io.weir.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code weir-ops group define|list}. */
@Command(name = "group", mixinStandardHelpOptions = true, description = "Define and list groups of gateways.",
        subcommands = {GroupCommands.Define.class, GroupCommands.ListGroups.class})
final class GroupCommands {

    @Command(name = "define", mixinStandardHelpOptions = true, description = {"Define (or replace) a group. The "
            + "order is the wave order: the first gateways are the canaries.",
            "Warns about ids the adapter would not deploy to or never heard of."})
    static final class Define implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "GROUP")
        String group;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "GATEWAY")
        List<String> gateways;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode answer = WeirOps.root(spec).adapter.client().put("api/v1/ops/deploy/groups/" + group,
                    Map.of("gateways", gateways));
            answer.path("warnings").forEach(w -> spec.commandLine().getErr().println("warning: " + w.asText()));
            Out.print(spec, answer, () -> "group " + group + ": " + String.join(" ", gateways));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the groups and their gateways.")
    static final class ListGroups implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode answer = WeirOps.root(spec).adapter.client().get("api/v1/ops/deploy/groups");
            Out.print(spec, answer, () -> {
                Table table = new Table("GROUP", "GATEWAYS");
                answer.path("groups").fields().forEachRemaining(g -> {
                    StringBuilder ids = new StringBuilder();
                    g.getValue().forEach(id -> ids.append(ids.length() == 0 ? "" : " ").append(id.asText()));
                    table.row(g.getKey(), ids);
                });
                return table;
            });
            return 0;
        }
    }
}
