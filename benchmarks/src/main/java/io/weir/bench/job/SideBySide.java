package io.weir.bench.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;

import org.yaml.snakeyaml.Yaml;

import io.weir.bench.GatewayBaseline;
import io.weir.bench.nodered.NodeRed;
import io.weir.demo.GatewayProcess;
import io.weir.ops.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The same job on Weir and on what integrators would pick instead (Node-RED), one after the other, each against its
 * own fresh mosquitto and simulated meters; CPU, memory, delivery and recovery printed side by side as medians over
 * the runs (issue 18). Run from the repository root after {@code mvn -o -q install -DskipTests}.
 */
@Command(name = "side-by-side", mixinStandardHelpOptions = true,
        description = "Runs the same Modbus-to-MQTT job on Weir and on Node-RED and compares them.")
public final class SideBySide implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "2", description = "Runs per system (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--systems", split = ",", defaultValue = "weir,nodered",
            description = "Which systems, in order: weir, nodered (default: ${DEFAULT-VALUE})")
    List<String> systems;

    @Option(names = "--meters", defaultValue = "50", description = "Modbus TCP devices (default: ${DEFAULT-VALUE})")
    int meters;

    @Option(names = "--points", defaultValue = "10",
            description = "float32 points per device (default: ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--poll", defaultValue = "1s", converter = Durations.Converter.class,
            description = "Poll interval (default: ${DEFAULT-VALUE})")
    Duration poll;

    @Option(names = "--settle", defaultValue = "30s", converter = Durations.Converter.class,
            description = "Running before the window (default: ${DEFAULT-VALUE})")
    Duration settle;

    @Option(names = "--window", defaultValue = "60s", converter = Durations.Converter.class,
            description = "The measured window (default: ${DEFAULT-VALUE})")
    Duration window;

    @Option(names = "--broker-outage", defaultValue = "30s", converter = Durations.Converter.class,
            description = "How long the broker is away (default: ${DEFAULT-VALUE})")
    Duration brokerOutage;

    @Option(names = "--device-outage", defaultValue = "10s", converter = Durations.Converter.class,
            description = "How long one device server is away (default: ${DEFAULT-VALUE})")
    Duration deviceOutage;

    @Option(names = "--give-up", defaultValue = "120s", converter = Durations.Converter.class,
            description = "The longest wait for a reading that may never come (default: ${DEFAULT-VALUE})")
    Duration giveUp;

    @Option(names = "--gateway-jar", defaultValue = "target-platform/target/weir-gateway.jar")
    Path gatewayJar;

    @Option(names = "--weir-flags",
            description = "Weir's JVM flags instead of those of the jvm.options beside the gateway jar,"
                    + " e.g. \"-Xmx48m -Xshare:auto\"")
    String weirFlags;

    @Option(names = "--weir-device", description = "A YAML mapping merged into each device of Weir's site file")
    String weirDevice;

    @Option(names = "--weir-point", description = "A YAML mapping merged into each point of Weir's device profile,"
            + " e.g. '{deadband: 0.5%%, heartbeat: 5m}'")
    String weirPoint;

    @Option(names = "--weir-uplink", description = "A YAML mapping merged into the uplink section of Weir's site"
            + " file, e.g. '{telemetryEncoding: compact}'")
    String weirUplink;

    @Option(names = "--weir-first-life", description = "Measure the first life of a newly installed Weir; by default"
            + " each run first starts Weir once and stops it, as its installer does, and measures the next start."
            + " Both have the class-data sharing archive the package's training run writes at install")
    boolean weirFirstLife;

    @Option(names = "--mosquitto", defaultValue = "/usr/sbin/mosquitto")
    Path mosquitto;

    @Option(names = "--nodered-dir", defaultValue = "benchmarks/target/nodered",
            description = "Where npm installs Node-RED, once (default: ${DEFAULT-VALUE})")
    Path nodeRedDir;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SideBySide()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        var job = new Job(meters, points, poll);
        var under = new ArrayList<SystemUnderTest>();
        for (String name : systems) {
            under.add(system(name));
        }
        System.out.printf(Locale.ROOT, "job: %d Modbus TCP devices x %d float32 points every %s = %.0f readings/s,"
                + " to mosquitto; %d run(s) each, settle %s, window %s, broker outage %s, device outage %s%n",
                meters, points, poll, job.readingsPerSecond(), runs, settle, window, brokerOutage, deviceOutage);
        under.forEach(s -> System.out.println(s.name() + ": " + s.description()));

        var run = new JobRun(job, new JobRun.Phases(settle, window, brokerOutage, deviceOutage, giveUp), mosquitto);
        Path work = Files.createTempDirectory("weir-side-by-side");
        System.out.println("work files: " + work);
        Map<String, List<RunResult>> results = new LinkedHashMap<>();
        for (int r = 1; r <= runs; r++) {
            for (SystemUnderTest system : under) {
                System.out.printf("run %d, %s%n", r, system.name());
                results.computeIfAbsent(system.name(), k -> new ArrayList<>())
                        .add(run.measure(system, work.resolve("run-" + r)));
            }
        }
        results.forEach(this::printSystem);
        printSideBySide(results);
        return 0;
    }

    private SystemUnderTest system(String name) throws Exception {
        return switch (name) {
            case "weir" -> new WeirGateway(gatewayJar, weirFlags == null ? GatewayProcess.shippedFlags(gatewayJar)
                    : List.of(weirFlags.trim().split("\\s+")), new WeirGateway.Extras(
                    mapping("--weir-device", weirDevice), mapping("--weir-point", weirPoint),
                    mapping("--weir-uplink", weirUplink)), !weirFirstLife);
            case "nodered" -> NodeRed.installedIn(nodeRedDir);
            default -> throw new CommandLine.ParameterException(new CommandLine(this),
                    "--systems: unknown system '" + name + "' (weir, nodered)");
        };
    }

    private Map<String, Object> mapping(String option, String yaml) {
        if (yaml == null) {
            return Map.of();
        }
        Object parsed = new Yaml().load(yaml);
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    option + ": a YAML mapping is needed, e.g. '{pollInterval: 2s}', not: " + yaml);
        }
        var extras = new LinkedHashMap<String, Object>();
        map.forEach((k, v) -> extras.put(String.valueOf(k), v));
        return extras;
    }

    /** The measures in table order. */
    private record Measure(String label, String format, ToDoubleFunction<RunResult> value) {
    }

    private static final List<Measure> MEASURES = List.of(
            new Measure("launch to first reading (ms)", "%.0f", RunResult::firstReadingMillis),
            new Measure("CPU (s per minute)", "%.2f", RunResult::cpuSecondsPerMinute),
            new Measure("resident memory (MiB)", "%.1f", RunResult::residentMiB),
            new Measure("readings received per second", "%.1f", RunResult::readingsPerSecond),
            new Measure("MQTT payload bytes per reading", "%.1f", RunResult::payloadBytesPerReading),
            new Measure("payload + topic bytes per reading", "%.1f", RunResult::wireBytesPerReading),
            new Measure("broker outage: readings taken", "%.0f", RunResult::outageReadingsExpected),
            new Measure("broker outage: of those delivered", "%.0f", RunResult::outageReadingsDelivered),
            new Measure("broker back to first live reading (s)", "%.1f", RunResult::brokerBackSeconds),
            new Measure("device server back to its next reading (s)", "%.1f", RunResult::deviceBackSeconds),
            new Measure("BAD readings during device outage", "%.0f", RunResult::badDuringDeviceOutage));

    private void printSystem(String name, List<RunResult> runResults) {
        System.out.printf("%n%s, median of %d run(s):%n| measure | median | runs |%n|---|---|---|%n", name,
                runResults.size());
        for (Measure m : MEASURES) {
            var values = runResults.stream().map(r -> m.value().applyAsDouble(r)).toList();
            var each = values.stream().map(v -> format(m.format(), v)).toList();
            System.out.printf("| %s | %s | %s |%n", m.label(), format(m.format(), GatewayBaseline.median(values)),
                    String.join(", ", each));
        }
    }

    private void printSideBySide(Map<String, List<RunResult>> results) {
        System.out.printf("%nside by side (medians):%n| measure | %s |%n|---|%s%n", String.join(" | ",
                results.keySet()), "---|".repeat(results.size()));
        for (Measure m : MEASURES) {
            var cells = results.values().stream().map(list -> format(m.format(),
                    GatewayBaseline.median(list.stream().map(r -> m.value().applyAsDouble(r)).toList()))).toList();
            System.out.printf("| %s | %s |%n", m.label(), String.join(" | ", cells));
        }
    }

    private static String format(String format, double value) {
        return Double.isNaN(value) ? "none" : String.format(Locale.ROOT, format, value);
    }
}
