package io.weir.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code weir-ops gateway list|show|redeploy|register}, {@code weir-ops alarm list}, {@code weir-ops case list}. */
final class FleetCommands {
    private static final String OPS = "api/v1/ops/";

    private FleetCommands() {
    }

    @Command(name = "gateway", mixinStandardHelpOptions = true, description = "Gateways: online state, what they "
            + "run, drift from what was deployed.", subcommands = {Gateways.ListGateways.class, Gateways.Show.class,
            Gateways.Redeploy.class, Gateways.Register.class})
    static final class Gateways {

        @Command(name = "list", mixinStandardHelpOptions = true, description = "Every gateway the adapter knows: "
                + "registered, online, last seen, packages and drift.")
        static final class ListGateways implements Callable<Integer> {
            @Spec
            CommandSpec spec;

            @Override
            public Integer call() {
                AdapterClient client = WeirOps.root(spec).adapter.client();
                JsonNode seen = client.get(OPS + "gateways");
                JsonNode registry = client.get(OPS + "registry");
                JsonNode inventory = client.get(OPS + "deploy/inventory");
                Map<String, Map<String, JsonNode>> byId = new TreeMap<>();
                seen.path("items").forEach(g -> row(byId, g.path("gatewayId").asText()).put("seen", g));
                registry.path("items").forEach(g -> row(byId, g.path("gatewayId").asText()).put("registered", g));
                inventory.path("items").forEach(g -> row(byId, g.path("gatewayId").asText()).put("inventory", g));
                JsonNode all = client.json().valueToTree(Map.of("gateways", seen.path("items"), "registry",
                        registry.path("items"), "inventory", inventory.path("items")));
                Out.print(spec, all, () -> {
                    Table table = new Table("GATEWAY", "REGISTERED", "ONLINE", "LAST SEEN", "PACKAGES", "DRIFT");
                    byId.forEach((id, parts) -> {
                        JsonNode g = parts.get("seen");
                        JsonNode inv = parts.get("inventory");
                        table.row(id, parts.containsKey("registered") ? "yes" : "NO",
                                g == null || g.path("online").isNull() ? "never seen"
                                        : g.path("online").asBoolean() ? "online" : "offline",
                                g == null || !g.path("lastSeenAt").isNumber() ? null
                                        : java.time.Instant.ofEpochMilli(g.path("lastSeenAt").asLong()),
                                inv == null ? null : packages(inv.path("packages")),
                                inv == null ? null : inv.path("drift").isEmpty() ? "in sync"
                                        : inv.path("drift").size() + " (weir-ops gateway show " + id + ")");
                    });
                    return table;
                });
                return 0;
            }

            private static Map<String, JsonNode> row(Map<String, Map<String, JsonNode>> byId, String id) {
                return byId.computeIfAbsent(id, k -> new LinkedHashMap<>());
            }
        }

        @Command(name = "show", mixinStandardHelpOptions = true, description = "A gateway's inventory, what its "
                + "deployments put there, and its drift.")
        static final class Show extends OnGateway {
            @Override
            public Integer call() {
                JsonNode i = client().get(OPS + "deploy/gateways/" + gatewayId
                        + "/inventory");
                Out.print(spec, i, () -> {
                    StringBuilder text = new StringBuilder(gatewayId).append(i.path("inSync").asBoolean()
                            ? ": in sync" : ": DRIFTED").append(" (reported ").append(i.path("reportedAt").asText())
                            .append(')');
                    line(text, "packages", packages(i.path("packages")));
                    line(text, "site file SHA-256", i.path("configDigest").asText("-"));
                    line(text, "bundles", i.path("bundles").size() + "");
                    i.path("expected").forEach(d -> line(text, "deployed", d.path("name").asText() + " "
                            + d.path("version").asText() + " by " + d.path("rolloutId").asText() + " at "
                            + d.path("succeededAt").asText()));
                    i.path("drift").forEach(d -> line(text, "drift " + d.path("kind").asText(),
                            d.path("detail").asText() + (d.path("redeployable").asBoolean()
                                    ? " (weir-ops gateway redeploy " + gatewayId + ")" : "")));
                    return text;
                });
                return 0;
            }

            private static void line(StringBuilder text, String label, String value) {
                text.append(System.lineSeparator()).append(String.format("  %-18s %s", label, value));
            }
        }

        @Command(name = "redeploy", mixinStandardHelpOptions = true, description = "Push again what was deployed "
                + "to the gateway and is no longer there (one rollout per package).")
        static final class Redeploy extends OnGateway {
            @Override
            public Integer call() {
                JsonNode answer = client().post(OPS + "deploy/gateways/" + gatewayId
                        + "/redeploy", Map.of());
                Out.print(spec, answer, () -> {
                    StringBuilder text = new StringBuilder();
                    answer.path("rollouts").forEach(r -> text.append(text.length() == 0 ? "" : System.lineSeparator())
                            .append("started ").append(ProgressView.header(r)));
                    return text;
                });
                return 0;
            }
        }

        @Command(name = "register", mixinStandardHelpOptions = true,
                description = "Register a gateway id: only registered gateways' messages are believed.")
        static final class Register extends OnGateway {
            @Option(names = "--note", paramLabel = "TEXT")
            String note;

            @Override
            public Integer call() {
                JsonNode answer = client().put(OPS + "registry/" + gatewayId,
                        note == null ? Map.of() : Map.of("note", note));
                Out.print(spec, answer, () -> "registered " + gatewayId);
                return 0;
            }
        }
    }

    /** A command on one gateway. */
    abstract static class OnGateway implements Callable<Integer> {
        @Parameters(paramLabel = "GATEWAY")
        String gatewayId;

        @Spec
        CommandSpec spec;

        AdapterClient client() {
            return WeirOps.root(spec).adapter.client();
        }
    }

    static String packages(JsonNode packages) {
        StringBuilder text = new StringBuilder();
        packages.fields().forEachRemaining(p -> text.append(text.length() == 0 ? "" : ", ").append(p.getKey())
                .append(' ').append(p.getValue().asText()));
        return text.length() == 0 ? "none" : text.toString();
    }

    @Command(name = "alarm", mixinStandardHelpOptions = true, description = "Alarms.",
            subcommands = Alarms.ListAlarms.class)
    static final class Alarms {
        @Command(name = "list", mixinStandardHelpOptions = true, description = "Open alarms, newest first.")
        static final class ListAlarms implements Callable<Integer> {
            @Spec
            CommandSpec spec;

            @Override
            public Integer call() {
                JsonNode answer = WeirOps.root(spec).adapter.client().get(OPS + "alarms/open");
                Out.print(spec, answer, () -> {
                    Table table = new Table("ALARM", "GATEWAY", "LEVEL", "LAST", "SITE", "RAISED");
                    answer.path("items").forEach(a -> table.row(a.path("alarmId").asText(),
                            a.path("gatewayId").asText(), a.path("level").asText(), a.path("lastTransition").asText(),
                            a.path("siteName").asText(), java.time.Instant.ofEpochMilli(a.path("raisedAt").asLong())));
                    return table;
                });
                return 0;
            }
        }
    }

    @Command(name = "case", mixinStandardHelpOptions = true, description = "Cases at the county platform.",
            subcommands = Cases.ListCases.class)
    static final class Cases {
        @Command(name = "list", mixinStandardHelpOptions = true,
                description = "Cases opened for alarms, newest first, with their delivery and status.")
        static final class ListCases implements Callable<Integer> {
            @Spec
            CommandSpec spec;

            @Override
            public Integer call() {
                JsonNode answer = WeirOps.root(spec).adapter.client().get(OPS + "cases");
                Out.print(spec, answer, () -> {
                    Table table = new Table("ALARM", "CASE", "DELIVERY", "STATUS", "ATTEMPTS", "ERROR");
                    answer.path("items").forEach(c -> table.row(c.path("alarmId").asText(), c.path("caseId").asText(null),
                            c.path("delivery").asText(), c.path("caseStatus").asText(null), c.path("attempts").asText(),
                            c.path("lastError").asText(null)));
                    return table;
                });
                return 0;
            }
        }
    }
}
