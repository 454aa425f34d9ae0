package io.weir.site.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the site file's {@code meters} list: DL/T 645-2007 electricity meters and CJ/T 188-2004 water, heat and gas
 * meters on the gateway's RS-485 ports ({@code serial}, 2400 8E1 unless given) or behind serial device servers in
 * transparent mode ({@code link: host:port}). Each meter is a device to the rules with its profile's points.
 */
final class MetersSectionParser {

    static final String METER_FACTORY_PID = "io.weir.meterbus.meter";
    static final String PROFILE_SUBDIR = "meters";

    private static final List<String> FIELDS = List.of("id", "profile", "address", "link", "serial", "pollInterval",
            "timeout", "wakeUpBytes");
    private static final Pattern DLT645_ADDRESS = Pattern.compile("[0-9]{12}");
    private static final Pattern CJT188_ADDRESS = Pattern.compile("[0-9]{14}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The section, checked: configurations to write, and the meters as devices the rules may name. */
    record Result(List<SectionConfiguration> configurations, Map<String, Optional<ChannelSource>> devices) {
        static final Result NONE = new Result(List.of(), Map.of());
    }

    private final Problems problems;
    private final Path profilesDir;
    private final SerialLineParser serialLines;
    private final Map<String, Optional<Parsed<MeterProfileParser.MeterProfile>>> lookedUp = new HashMap<>();

    MetersSectionParser(Problems problems, Path profilesDir) {
        this.problems = problems;
        this.profilesDir = profilesDir.resolve(PROFILE_SUBDIR);
        this.serialLines = new SerialLineParser(problems, 2400, "even");
    }

    Result parse(List<YamlMap.Element> elements, Optional<String> stationCode, Set<String> deviceIds) {
        var configurations = new ArrayList<SectionConfiguration>();
        var devices = new LinkedHashMap<String, Optional<ChannelSource>>();
        for (YamlMap.Element element : elements) {
            YamlMap.of(element.node(), element.path(), problems)
                    .flatMap(map -> meter(map, stationCode, deviceIds, devices))
                    .ifPresent(configurations::add);
        }
        return new Result(List.copyOf(configurations), Map.copyOf(devices));
    }

    private Optional<SectionConfiguration> meter(YamlMap map, Optional<String> stationCode, Set<String> deviceIds,
                                                 Map<String, Optional<ChannelSource>> devices) {
        map.allowOnly(FIELDS);
        Optional<String> id = map.requiredText("id", DeviceParser.DEVICE_ID).filter(text -> {
            if (deviceIds.contains(text) || devices.containsKey(text)) {
                problems.add(map.lineOf("id"), map.field("id"), "'" + text + "' is already the id of a device");
                return false;
            }
            return true;
        });
        Optional<MeterProfileParser.MeterProfile> profile = map.requiredText("profile", ProfileParser.PROFILE_ID)
                .flatMap(p -> profile(p, map));
        id.ifPresent(i -> devices.put(i, profile.map(p -> new ChannelSource("meter profile '" + p.id() + "'",
                p.units()))));
        Optional<String> address = map.requiredText("address").filter(a -> profile.map(p -> {
            Pattern pattern = p.protocol().equals("dlt645") ? DLT645_ADDRESS : CJT188_ADDRESS;
            if (pattern.matcher(a).matches()) {
                return true;
            }
            problems.add(map.lineOf("address"), map.field("address"), "'" + a + "' is not " + (p.protocol()
                    .equals("dlt645") ? "12" : "14") + " digits, as a " + p.protocol() + " meter's nameplate prints it");
            return false;
        }).orElse(true));
        boolean serial = map.keys().contains("serial");
        if (serial == map.keys().contains("link")) {
            problems.add(Problems.lineOf(map.node()), map.path(), serial ? "give serial or link, not both"
                    : "needs serial (the gateway's own port) or link (a serial device server's host:port)");
        }
        Optional<SerialLine> line = serial ? serialLines.parse(map) : Optional.empty();
        Optional<HostPort> link = !serial && map.keys().contains("link") ? map.requiredText("link").flatMap(text -> {
            if (!text.matches(".*:[0-9]+")) {
                problems.add(map.lineOf("link"), map.field("link"), "'" + text + "' needs the device server's"
                        + " port: host:port");
                return Optional.empty();
            }
            try {
                return Optional.of(HostPort.parse(text));
            } catch (IllegalArgumentException e) {
                problems.add(map.lineOf("link"), map.field("link"), e.getMessage());
                return Optional.empty();
            }
        }) : Optional.empty();
        Duration poll = map.duration("pollInterval", true).filter(d -> check(map, "pollInterval", d,
                Duration.ofMillis(100))).orElse(null);
        Duration timeout = map.duration("timeout", false).filter(d -> check(map, "timeout", d, Duration.ofMillis(50)))
                .orElse(Duration.ofSeconds(1));
        int wakeUp = map.keys().contains("wakeUpBytes") ? map.requiredInt("wakeUpBytes", 0, 4).orElse(4) : 4;
        if (id.isEmpty() || profile.isEmpty() || address.isEmpty() || poll == null || stationCode.isEmpty()
                || (serial ? line.isEmpty() : link.isEmpty())) {
            return Optional.empty();
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("deviceId", id.get());
        p.put("stationCode", stationCode.get());
        p.put("protocol", profile.get().protocol().toUpperCase());
        p.put("address", address.get());
        p.put("meterType", profile.get().meterType());
        line.ifPresent(l -> {
            p.put("serialPort", l.port());
            p.put("baudRate", l.baudRate());
            p.put("dataBits", l.dataBits());
            p.put("parity", l.parity());
            p.put("stopBits", l.stopBits());
        });
        link.ifPresent(hp -> {
            p.put("host", hp.host());
            p.put("port", hp.port());
        });
        p.put("pollIntervalMs", poll.toMillis());
        p.put("timeoutMs", (int) timeout.toMillis());
        p.put("wakeUpBytes", wakeUp);
        p.put("profileId", profile.get().id());
        try {
            p.put("profile", JSON.writeValueAsString(profile.get().json()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serialises", e);
        }
        return Optional.of(new SectionConfiguration(METER_FACTORY_PID, id.get(), p));
    }

    private boolean check(YamlMap map, String key, Duration d, Duration min) {
        if (d.compareTo(min) >= 0) {
            return true;
        }
        problems.add(map.lineOf(key), map.field(key), "is shorter than " + min.toMillis() + "ms");
        return false;
    }

    private Optional<MeterProfileParser.MeterProfile> profile(String profileId, YamlMap map) {
        boolean firstUse = !lookedUp.containsKey(profileId);
        Path file = profilesDir.resolve(profileId + ".yaml");
        Optional<Parsed<MeterProfileParser.MeterProfile>> found = lookedUp.computeIfAbsent(profileId,
                id -> Files.isRegularFile(file) ? Optional.of(new MeterProfileParser().parse(file)) : Optional.empty());
        if (found.isEmpty()) {
            problems.add(map.lineOf("profile"), map.field("profile"), "no meter profile '" + profileId + "' in "
                    + profilesDir + " (looked for " + file.getFileName() + ")");
            return Optional.empty();
        }
        if (!found.get().ok()) {
            if (firstUse) {
                problems.addAll(found.get().problems());
            }
            problems.add(map.lineOf("profile"), map.field("profile"), "profile '" + profileId + "' has "
                    + found.get().problems().size() + " problem(s), reported against " + file.getFileName());
        }
        return found.get().value();
    }
}
