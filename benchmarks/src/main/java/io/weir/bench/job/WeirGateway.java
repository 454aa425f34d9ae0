package io.weir.bench.job;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.cli.TrainingRun;
import io.weir.demo.GatewayProcess;

/**
 * Weir as shipped: {@code weir-gateway.jar} in its own JVM with the flags of {@code jvm.options} (or others given),
 * a site file with one device per meter and a profile of the job's float32 points. Its telemetry messages carry
 * many readings each (docs/protocol.md, "telemetry"); a reading's {@code ts} says when it was taken.
 */
final class WeirGateway implements SystemUnderTest {

    static final String GATEWAY_ID = "gw-side-by-side";
    private static final String STATION = "62009900";
    private static final String PROFILE = "bench-float-meter";
    private static final Duration COMMISSIONING = Duration.ofSeconds(10);

    private final Path jar;
    private final List<String> jvmFlags;
    private final Extras extras;
    private final boolean commissioned;

    /** What the command line merges into the generated site file and profile. */
    record Extras(Map<String, Object> device, Map<String, Object> point, Map<String, Object> uplink) {
        Extras {
            device = Map.copyOf(device);
            point = Map.copyOf(point);
            uplink = Map.copyOf(uplink);
        }

        boolean isEmpty() {
            return device.isEmpty() && point.isEmpty() && uplink.isEmpty();
        }
    }

    /**
     * @param extras       merged into every device entry, every profile point and the uplink section
     * @param commissioned whether each run starts Weir once and stops it before the measured start, as its installer
     *                     does: the framework's bundles are then installed, as on every start of a field gateway
     *                     after its first; otherwise the measured start is a new installed gateway's first. Both
     *                     have the class-data sharing archive the package's training run writes ({@code TrainingRun})
     */
    WeirGateway(Path jar, List<String> jvmFlags, Extras extras, boolean commissioned) {
        this.jar = jar;
        this.jvmFlags = List.copyOf(jvmFlags);
        this.extras = extras;
        this.commissioned = commissioned;
    }

    @Override
    public String name() {
        return "weir";
    }

    @Override
    public String description() {
        return "Weir " + jar + ", JVM flags " + jvmFlags
                + (extras.isEmpty() ? "" : ", " + extras)
                + (commissioned ? ", installed, measured after one start and stop (commissioning)"
                        : ", installed, first life") + " (archive from the package's training run)";
    }

    @Override
    public String topicFilter() {
        return "weir/v1/" + GATEWAY_ID + "/telemetry";
    }

    @Override
    public TelemetryDecoder decoder(FloatMeters meters) {
        ObjectMapper json = new ObjectMapper();
        return (topic, payload) -> {
            List<Reading> readings = new ArrayList<>();
            try {
                if (payload.length > 1 && (payload[0] & 0xFF) == 0x1f && (payload[1] & 0xFF) == 0x8b) {
                    compact(json.readTree(new GZIPInputStream(new ByteArrayInputStream(payload))), readings);
                } else {
                    for (JsonNode r : json.readTree(payload).path("readings")) {
                        add(readings, r.path("channel").asText(), Instant.parse(r.path("ts").asText()).toEpochMilli(),
                                !"BAD".equals(r.path("quality").asText()) && r.has("value"));
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("unreadable telemetry on " + topic + ": "
                        + new String(payload, StandardCharsets.UTF_8), e);
            }
            return readings;
        };
    }

    /** Telemetry v2 (docs/protocol.md, "compact telemetry"): rows of [offset ms after t0, value, quality, ...]. */
    private static void compact(JsonNode message, List<Reading> readings) {
        long t0 = Instant.parse(message.path("t0").asText()).toEpochMilli();
        for (JsonNode series : message.path("series")) {
            for (JsonNode row : series.path("rows")) {
                add(readings, series.path("channel").asText(), t0 + (long) row.get(0).asDouble(),
                        row.get(2).asInt() != 2 && !row.get(1).isNull());
            }
        }
    }

    private static void add(List<Reading> readings, String channel, long takenMillis, boolean good) {
        String[] parts = channel.split("/");
        int meter = parts.length == 3 ? Job.meterIndex(parts[1]) : -1;
        if (meter >= 0) { // else not one of the job's readings
            readings.add(new Reading(meter, takenMillis, good));
        }
    }


    @Override
    public void commission(Job job, FloatMeters meters, Mosquitto broker, Path work) throws Exception {
        // an installed gateway: the package's training run has written the class-data sharing archive
        var layout = layout(job, meters, broker, work);
        TrainingRun.ensure(Path.of(System.getProperty("java.home"), "bin", "java").toString(), layout.dataDir(), jar,
                jvmFlags, Duration.ofMinutes(2));
        if (!commissioned) {
            return;
        }
        var connected = new CountDownLatch(1);
        try (GatewayProcess gateway = GatewayProcess.start(layout,
                line -> {
                    if (line.contains("uplink connected")) {
                        connected.countDown();
                    }
                }, jvmFlags)) {
            if (!connected.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("weir: not connected within 120 s while commissioning; see "
                        + work.resolve("gateway.log"));
            }
            // an installer watches the first values come in: the polling and publishing paths have run
            Thread.sleep(COMMISSIONING.toMillis());
        }
    }

    @Override
    public Launched launch(Job job, FloatMeters meters, Mosquitto broker, Path work) throws IOException {
        var layout = layout(job, meters, broker, work);
        GatewayProcess gateway = GatewayProcess.start(layout, null, jvmFlags);
        return new Launched() {
            @Override
            public long pid() {
                return gateway.pid();
            }

            @Override
            public Path log() {
                return layout.log();
            }

            @Override
            public void close() throws InterruptedException {
                gateway.close();
            }
        };
    }

    private GatewayProcess.Layout layout(Job job, FloatMeters meters, Mosquitto broker, Path work) throws IOException {
        Path profiles = work.resolve("profiles");
        Files.createDirectories(profiles);
        Files.writeString(profiles.resolve(PROFILE + ".yaml"), yaml().dump(profile(job)));
        var layout = new GatewayProcess.Layout(jar, work.resolve("site.yaml"), profiles, work.resolve("data"),
                work.resolve("gateway.log"));
        Files.writeString(layout.siteFile(), yaml().dump(site(job, meters, broker)));
        return layout;
    }

    private Map<String, Object> uplink(Mosquitto broker) {
        var uplink = ordered("broker", broker.url());
        uplink.putAll(extras.uplink());
        return uplink;
    }

    private Map<String, Object> profile(Job job) {
        var points = new ArrayList<Map<String, Object>>();
        for (int p = 0; p < job.points(); p++) {
            var point = ordered("name", Job.pointName(p), "function", 3, "register", 2 * p, "type", "float32",
                    "wordOrder", "ABCD");
            point.putAll(extras.point());
            points.add(point);
        }
        var profile = ordered("id", PROFILE, "manufacturer", "Bench", "model", "float meter",
                "registerNumbering", "zero-based");
        profile.put("limits", ordered("maxBlockRegisters", job.registers(), "timeoutMs", 1000));
        profile.put("points", points);
        return profile;
    }

    private Map<String, Object> site(Job job, FloatMeters meters, Mosquitto broker) {
        var devices = new ArrayList<Map<String, Object>>();
        for (int m = 0; m < job.meters(); m++) {
            var device = ordered("id", Job.meterId(m), "profile", PROFILE,
                    "address", meters.host() + ":" + meters.port(m), "unitId", 1,
                    "pollInterval", job.pollInterval().toMillis() + "ms");
            device.putAll(extras.device());
            devices.add(device);
        }
        var site = ordered("gateway", ordered("id", GATEWAY_ID),
                "site", ordered("stationCode", STATION, "name", "Side by side", "latitude", 30.27,
                        "longitude", 120.16),
                "uplink", uplink(broker),
                // any free ports: the machine may be running other gateways
                "console", ordered("port", 0),
                "metrics", ordered("port", 0));
        site.put("devices", devices);
        return site;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Yaml yaml() {
        var options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options);
    }
}
