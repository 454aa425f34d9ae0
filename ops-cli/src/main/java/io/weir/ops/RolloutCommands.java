package io.weir.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code weir-ops rollout start|list|show|watch|pause|resume|cancel|retry|rollback}. */
@Command(name = "rollout", mixinStandardHelpOptions = true, description = "Start, steer and watch rollouts.",
        subcommands = {RolloutCommands.Start.class, RolloutCommands.ListRollouts.class, RolloutCommands.Show.class,
                RolloutCommands.Watch.class, RolloutCommands.Pause.class, RolloutCommands.Resume.class,
                RolloutCommands.Cancel.class, RolloutCommands.Retry.class, RolloutCommands.Rollback.class})
final class RolloutCommands {
    private static final String ROLLOUTS = "api/v1/ops/deploy/rollouts";
    /** States after which nothing happens without an operator. */
    private static final Set<String> SETTLED = Set.of("SUCCEEDED", "FINISHED_WITH_FAILURES", "CANCELLED", "HALTED");

    /** How a watch ends. */
    static final class WatchOptions {
        @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2s", converter = Durations.Converter.class,
                description = "How often to ask the adapter (default: ${DEFAULT-VALUE}).")
        Duration interval;

        @Option(names = "--plain", description = "One line per change, even on a terminal.")
        boolean plain;
    }

    @Command(name = "start", description = {"Push a registered package to a gateway "
            + "or a group, in waves.",
            "Each wave starts once the one before ended with at least the success threshold of its gateways "
                    + "succeeded, and the soak time passed."})
    static final class Start implements Callable<Integer> {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Option(names = {"-p", "--package"}, required = true, paramLabel = "NAME")
        String name;

        @Option(names = {"-v", "--version"}, required = true, paramLabel = "VERSION", description = "The package's "
                + "version (--version here is the package's; weir-ops --version prints the tool's).")
        String version;

        @ArgGroup(multiplicity = "1")
        Target target;

        static final class Target {
            @Option(names = {"-g", "--group"}, paramLabel = "GROUP")
            String group;

            @Option(names = "--gateway", paramLabel = "GATEWAY")
            String gateway;
        }

        @Option(names = "--waves", split = ",", paramLabel = "SIZE", description = "Wave sizes: counts or shares of the "
                + "group, e.g. 1,25%% (the last one repeats). Default: all at once.")
        List<String> waves;

        @Option(names = "--canaries", paramLabel = "N", description = "Same as --waves N,100%%.")
        Integer canaries;

        @Option(names = "--success-threshold", paramLabel = "PERCENT", description = "Percent of a wave that must "
                + "succeed before the next starts (default 100).")
        Integer threshold;

        @Option(names = "--soak", paramLabel = "DURATION", converter = Durations.Converter.class,
                description = "Wait this long after a wave passed (e.g. 10m).")
        Duration soak;

        @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.Converter.class,
                description = "How long a gateway may stay silent before its job times out (adapter default: 30m).")
        Duration timeout;

        @Option(names = "--watch", description = "Watch its progress until it settles.")
        boolean watch;

        @ArgGroup(exclusive = false)
        WatchOptions watchOptions = new WatchOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            AdapterClient client = WeirOps.root(spec).adapter.client();
            ObjectNode body = client.json().createObjectNode().put("name", name).put("version", version);
            if (target.group != null) {
                body.put("group", target.group);
            } else {
                body.put("gateway", target.gateway);
            }
            if (waves != null) {
                waves.forEach(body.putArray("waves")::add);
            }
            if (canaries != null) {
                body.put("canaries", canaries);
            }
            if (threshold != null) {
                body.put("successThreshold", threshold);
            }
            if (soak != null) {
                body.put("soak", soak.toString());
            }
            if (timeout != null) {
                body.put("timeout", timeout.toString());
            }
            JsonNode started = client.post(ROLLOUTS, body);
            if (watch) {
                return watch(spec, client, started.path("rolloutId").asText(), watchOptions);
            }
            Out.print(spec, started, () -> "started " + ProgressView.header(started));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List rollouts, newest first.")
    static final class ListRollouts implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode answer = WeirOps.root(spec).adapter.client().get(ROLLOUTS);
            Out.print(spec, answer, () -> {
                Table table = new Table("ROLLOUT", "PACKAGE", "TARGET", "STATE", "WAVE", "SUCCEEDED", "CREATED");
                answer.path("items").forEach(r -> {
                    long ok = 0;
                    long all = 0;
                    for (JsonNode j : r.path("jobs")) {
                        if (!j.path("supersededBy").isTextual()) {
                            all++;
                            ok += j.path("state").asText().equals("SUCCEEDED") ? 1 : 0;
                        }
                    }
                    table.row(r.path("rolloutId").asText(), r.path("name").asText() + " " + r.path("version").asText(),
                            r.path("target").asText(), r.path("state").asText(), r.path("currentWave").asInt() + "/"
                                    + r.path("waveCount").asInt(), ok + "/" + all, r.path("createdAt").asText());
                });
                return table;
            });
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a rollout and its gateways once.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "ROLLOUT")
        String rolloutId;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode r = WeirOps.root(spec).adapter.client().get(ROLLOUTS + "/" + rolloutId);
            Out.print(spec, r, () -> {
                StringBuilder text = new StringBuilder(ProgressView.header(r));
                r.path("jobs").forEach(j -> text.append(System.lineSeparator()).append(ProgressView.line(j))
                        .append(j.path("supersededBy").isTextual() ? "  (retried as " + j.path("supersededBy")
                                .asText() + ")" : ""));
                return text;
            });
            return 0;
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true, description = {"Watch a rollout until it succeeds, "
            + "finishes with failures, is cancelled or halts.",
            "Redraws in place on a terminal; one line per change elsewhere. Exit code 0 when every gateway "
                    + "succeeded, 3 otherwise."})
    static final class Watch implements Callable<Integer> {
        @Parameters(paramLabel = "ROLLOUT")
        String rolloutId;

        @ArgGroup(exclusive = false)
        WatchOptions options = new WatchOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            return watch(spec, WeirOps.root(spec).adapter.client(), rolloutId, options);
        }
    }

    static int watch(CommandSpec spec, AdapterClient client, String rolloutId, WatchOptions options)
            throws InterruptedException {
        ProgressView view = new ProgressView(spec.commandLine().getOut(), !options.plain && System.console() != null);
        while (true) {
            JsonNode r = client.get(ROLLOUTS + "/" + rolloutId);
            view.show(r);
            String state = r.path("state").asText();
            if (SETTLED.contains(state)) {
                return state.equals("SUCCEEDED") ? 0 : WeirOps.ROLLOUT_NOT_CLEAN;
            }
            Thread.sleep(options.interval.toMillis()); // the adapter is asked, not waited on: a poll interval
        }
    }

    /** The steps that take only the rollout id. */
    abstract static class Step implements Callable<Integer> {
        @Parameters(paramLabel = "ROLLOUT")
        String rolloutId;

        @Spec
        CommandSpec spec;

        abstract String step();

        Object body() {
            return Map.of();
        }

        @Override
        public Integer call() {
            JsonNode r = WeirOps.root(spec).adapter.client().post(ROLLOUTS + "/" + rolloutId + "/" + step(), body());
            Out.print(spec, r, () -> ProgressView.header(r));
            return 0;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Hold a running rollout: no command goes out, no wave starts.")
    static final class Pause extends Step {
        @Override
        String step() {
            return "pause";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Go on with a paused rollout, with a "
            + "halted one despite its threshold, or with a soaking one without waiting out the soak.")
    static final class Resume extends Step {
        @Override
        String step() {
            return "resume";
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "End a rollout: gateways not yet "
            + "started never get the command; those installing are still followed.")
    static final class Cancel extends Step {
        @Override
        String step() {
            return "cancel";
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Retry the gateways whose job failed, rolled back or timed out (all, or those named).")
    static final class Retry extends Step {
        @Option(names = "--gateway", paramLabel = "GATEWAY", description = "Only this gateway (repeatable).")
        List<String> gateways;

        @Override
        String step() {
            return "retry";
        }

        @Override
        Object body() {
            return gateways == null ? Map.of() : Map.of("gateways", gateways);
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true, description = "Put back, on the gateways of a wave "
            + "that succeeded, the version each had before (uninstalling where it had none); pauses the rollout.")
    static final class Rollback extends Step {
        @Option(names = "--wave", paramLabel = "N", description = "The wave (default: every wave).")
        Integer wave;

        @Override
        String step() {
            return "rollback";
        }

        @Override
        Object body() {
            return wave == null ? Map.of() : Map.of("wave", wave);
        }
    }
}
