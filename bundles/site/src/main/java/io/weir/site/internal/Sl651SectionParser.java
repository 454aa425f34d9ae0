package io.weir.site.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the site file's {@code sl651} section: the SL 651-2014 centre's listener and the stations (RTUs) it takes
 * reports from, each with its 10-digit code and its password, given in the file or in a file of its own
 * ({@code passwordFile}, relative to the site file) so the site file can be shared without the secrets. Each
 * station is a device to the rules, with the points of docs/configuration.md ("SL 651 stations").
 */
final class Sl651SectionParser {

    static final String CENTRE_PID = "io.weir.sl651.centre";
    static final String STATION_FACTORY_PID = "io.weir.sl651.station";

    private static final List<String> FIELDS = List.of("port", "udpPort", "bindAddress", "zone", "ackEnd",
            "maxConnections", "idleTimeout", "stations");
    private static final List<String> STATION_FIELDS = List.of("code", "password", "passwordFile");
    private static final Pattern CODE = Pattern.compile("[0-9]{10}");

    /**
     * The points every station offers, with units: the element table of the sl651 bundle
     * (io.weir.sl651.internal.ElementTable); the two lists change together.
     */
    static final Map<String, String> POINTS = points();

    /** The section, checked: configurations to write, and the stations as devices the rules may name. */
    record Result(List<SectionConfiguration> configurations, Map<String, Optional<ChannelSource>> devices) {
        static final Result NONE = new Result(List.of(), Map.of());
    }

    private final Problems problems;
    private final PasswordField passwords;

    Sl651SectionParser(Problems problems, PasswordField passwords) {
        this.problems = problems;
        this.passwords = passwords;
    }

    Result parse(YamlMap map, Optional<String> stationCode, Set<String> deviceIds) {
        map.allowOnly(FIELDS);
        Map<String, Object> centre = new LinkedHashMap<>();
        stationCode.ifPresent(code -> centre.put("siteStationCode", code));
        optionalInt(map, "port", 0, 65535).ifPresent(p -> centre.put("port", p));
        optionalInt(map, "udpPort", 0, 65535).ifPresent(p -> centre.put("udpPort", p));
        map.optionalText("bindAddress").ifPresent(a -> centre.put("bindAddress", a));
        map.optionalText("zone").ifPresent(z -> {
            try {
                ZoneId.of(z);
                centre.put("zone", z);
            } catch (RuntimeException e) {
                problems.add(map.lineOf("zone"), map.field("zone"), "'" + z + "' is not a time zone (e.g."
                        + " Asia/Shanghai)");
            }
        });
        map.optionalChoice("ackEnd", List.of("esc", "eot")).ifPresent(e -> centre.put("ackEnd", e.toUpperCase()));
        optionalInt(map, "maxConnections", 1, 1_000_000).ifPresent(n -> centre.put("maxConnections", n));
        map.duration("idleTimeout", false).ifPresent(d -> {
            if (d.compareTo(Duration.ofSeconds(10)) < 0) {
                problems.add(map.lineOf("idleTimeout"), map.field("idleTimeout"), "is shorter than 10s");
            } else {
                centre.put("idleTimeoutSeconds", (int) Math.min(Integer.MAX_VALUE, d.toSeconds()));
            }
        });
        var configurations = new ArrayList<SectionConfiguration>();
        configurations.add(new SectionConfiguration(CENTRE_PID, null, centre));
        var devices = new LinkedHashMap<String, Optional<ChannelSource>>();
        var lines = new HashMap<String, Integer>();
        for (YamlMap.Element element : map.list("stations", true)) {
            YamlMap.of(element.node(), element.path(), problems)
                    .flatMap(station -> station(station, deviceIds, lines, devices))
                    .ifPresent(configurations::add);
        }
        return new Result(List.copyOf(configurations), Map.copyOf(devices));
    }

    private Optional<SectionConfiguration> station(YamlMap map, Set<String> deviceIds, Map<String, Integer> lines,
                                                   Map<String, Optional<ChannelSource>> devices) {
        map.allowOnly(STATION_FIELDS);
        Optional<String> code = map.requiredText("code", CODE).filter(c -> {
            Integer first = lines.putIfAbsent(c, map.lineOf("code"));
            if (first != null || deviceIds.contains(c)) {
                problems.add(map.lineOf("code"), map.field("code"), "'" + c + "' is already "
                        + (first != null ? "the station on line " + first : "the id of another device"));
                return false;
            }
            return true;
        });
        code.ifPresent(c -> devices.put(c, Optional.of(new ChannelSource("SL 651 station", POINTS))));
        Optional<String> password = passwords.read(map);
        if (code.isEmpty() || password.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("stationCode", code.get());
        p.put(".password", password.get().toUpperCase());
        return Optional.of(new SectionConfiguration(STATION_FACTORY_PID, code.get(), p));
    }

    private static Optional<Integer> optionalInt(YamlMap map, String key, int min, int max) {
        return map.keys().contains(key) ? map.requiredInt(key, min, max) : Optional.empty();
    }

    private static Map<String, String> points() {
        var points = new LinkedHashMap<String, String>();
        points.put("rain_5min", "mm");
        points.put("rain_current", "mm");
        points.put("rain_total", "mm");
        points.put("rain_1h", "mm");
        points.put("rain_day", "mm");
        points.put("water_level", "m");
        points.put("level_upstream", "m");
        points.put("level_downstream", "m");
        points.put("level_relative_5min", "m");
        points.put("flow", "m3/s");
        points.put("voltage", "V");
        points.put("status", "");
        return java.util.Collections.unmodifiableMap(points);
    }
}
