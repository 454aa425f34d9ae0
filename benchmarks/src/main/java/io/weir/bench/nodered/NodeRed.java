package io.weir.bench.nodered;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.TextNode;

import io.weir.bench.job.FloatMeters;
import io.weir.bench.job.Job;
import io.weir.bench.job.Mosquitto;
import io.weir.bench.job.Reading;
import io.weir.bench.job.SystemUnderTest;
import io.weir.bench.job.TelemetryDecoder;

/**
 * Node-RED with node-red-contrib-modbus, as an integrator would set it up for the job ({@link NodeRedFlow}), run
 * headless (no editor, no HTTP port) with {@code node red.js}. Its messages carry one bare value each, so a
 * reading's time is known from its meter's clock point: the points of one answer are published together, the clock
 * point first, and each takes the time the clock point of its meter last said.
 */
public final class NodeRed implements SystemUnderTest {

    private final NodeRedInstall install;

    private NodeRed(NodeRedInstall install) {
        this.install = install;
    }

    /** Installs Node-RED into {@code directory} with npm unless it is there already. */
    public static NodeRed installedIn(Path directory) throws IOException, InterruptedException {
        return new NodeRed(NodeRedInstall.ensure(directory));
    }

    @Override
    public String name() {
        return "nodered";
    }

    @Override
    public String description() {
        try {
            return install.versions() + " on Node.js " + nodeVersion();
        } catch (IOException e) {
            return "Node-RED in " + install.directory() + " (versions unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public String topicFilter() {
        return NodeRedFlow.TOPIC_PREFIX + "/#";
    }

    @Override
    public TelemetryDecoder decoder(FloatMeters meters) {
        Map<Integer, Long> lastClock = new HashMap<>(); // messages arrive on one thread
        return (topic, payload) -> {
            String[] parts = topic.split("/");
            int meter = parts.length == 3 ? Job.meterIndex(parts[1]) : -1;
            if (meter < 0) {
                return List.of();
            }
            if (parts[2].equals(Job.pointName(Job.CLOCK_POINT))) {
                String seconds = new String(payload, StandardCharsets.UTF_8);
                lastClock.put(meter, meters.clockToMillis(Double.parseDouble(seconds)));
            }
            return List.of(new Reading(meter, lastClock.getOrDefault(meter, 0L), true));
        };
    }

    @Override
    public Launched launch(Job job, FloatMeters meters, Mosquitto broker, Path work) throws IOException {
        Files.createDirectories(work);
        Path flows = work.resolve("flows.json");
        Files.writeString(flows, NodeRedFlow.json(job, meters, broker.port()));
        Path settings = work.resolve("settings.js");
        // headless: without an admin or node HTTP root Node-RED opens no port at all
        Files.writeString(settings, """
                module.exports = {
                    flowFile: %s,
                    credentialSecret: false,
                    httpAdminRoot: false,
                    httpNodeRoot: false,
                    logging: {console: {level: "info", metrics: false, audit: false}}
                };
                """.formatted(jsString(flows.toAbsolutePath().toString())));
        Path log = work.resolve("node-red.log");
        Process node = new ProcessBuilder("node", install.redJs().toString(), "--userDir",
                install.directory().toString(), "--settings", settings.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Launched() {
            @Override
            public long pid() {
                return node.pid();
            }

            @Override
            public Path log() {
                return log;
            }

            @Override
            public void close() throws InterruptedException {
                node.destroy();
                if (!node.waitFor(15, TimeUnit.SECONDS)) {
                    node.destroyForcibly().waitFor();
                }
            }
        };
    }

    private static String nodeVersion() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return version;
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static String jsString(String text) {
        return new TextNode(text).toString();
    }
}
