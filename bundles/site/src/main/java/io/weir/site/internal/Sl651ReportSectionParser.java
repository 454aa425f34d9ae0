package io.weir.site.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the site file's {@code sl651Report} section: the gateway reporting its own channels to up to four
 * hydrology centres as an SL 651-2014 station. Channels are named as rules name them ({@code device/point}) and
 * must exist; the password comes inline or from a file, as for the centre's stations.
 */
final class Sl651ReportSectionParser {

    static final String PID = "io.weir.sl651.report";

    private static final List<String> FIELDS = List.of("stationCode", "password", "passwordFile", "stationType",
            "centres", "elements", "rain", "timedInterval", "added", "keepAlive", "historyDays");
    /** Days of reported values kept for the centres' period queries, unless the file says otherwise. */
    static final int HISTORY_DAYS = 30;
    private static final List<String> CENTRE_FIELDS = List.of("address", "host", "port", "encoding", "transport");
    private static final List<String> ENCODINGS = List.of("hex", "ascii");
    private static final List<String> TRANSPORTS = List.of("tcp", "udp");
    private static final Pattern CODE = Pattern.compile("[0-9]{10}");
    private static final Map<String, Integer> TYPES = Map.of("rain", 0x50, "river", 0x48, "reservoir", 0x4B,
            "sluice", 0x5A, "pumping", 0x44, "tide", 0x54, "groundwater", 0x47);
    private static final List<String> ELEMENTS = List.of("Z", "ZU", "ZB", "Q", "VT", "PJ");

    private final Problems problems;
    private final PasswordField passwords;

    Sl651ReportSectionParser(Problems problems, PasswordField passwords) {
        this.problems = problems;
        this.passwords = passwords;
    }

    Optional<SectionConfiguration> parse(YamlMap map, Optional<String> stationCode,
                                         Map<String, Optional<ChannelSource>> sources) {
        map.allowOnly(FIELDS);
        Optional<String> code = map.requiredText("stationCode", CODE);
        Optional<String> password = passwords.read(map);
        int type = map.optionalChoice("stationType", List.copyOf(new java.util.TreeSet<>(TYPES.keySet())))
                .map(TYPES::get).orElse(0x48);
        var centres = new ArrayList<String>();
        List<YamlMap.Element> elements = map.list("centres", true);
        if (elements.size() > 4) {
            problems.add(map.lineOf("centres"), map.field("centres"), "a station reports to at most 4 centres, not "
                    + elements.size());
        }
        for (YamlMap.Element element : elements) {
            YamlMap.of(element.node(), element.path(), problems).ifPresent(c -> {
                c.allowOnly(CENTRE_FIELDS);
                Optional<Integer> address = c.requiredInt("address", 1, 255);
                Optional<String> host = c.requiredText("host");
                Optional<Integer> port = c.requiredInt("port", 1, 65535);
                String encoding = c.optionalChoice("encoding", ENCODINGS).orElse("hex");
                String transport = c.optionalChoice("transport", TRANSPORTS).orElse("tcp");
                if (address.isPresent() && host.isPresent() && port.isPresent()) {
                    centres.add(address.get() + "@" + host.get() + ":" + port.get() + " " + encoding + " "
                            + transport);
                }
            });
        }
        var pairs = new ArrayList<String>();
        map.optionalMap("elements").ifPresent(e -> {
            e.allowOnly(ELEMENTS);
            for (String element : e.keys()) {
                e.requiredText(element).flatMap(ch -> channel(e, element, ch, stationCode, sources))
                        .ifPresent(full -> pairs.add(element + "=" + full));
            }
        });
        Optional<String> rain = map.optionalText("rain").flatMap(ch -> channel(map, "rain", ch, stationCode, sources));
        Duration timed = map.duration("timedInterval", false).filter(d -> {
            if (d.toMinutes() >= 5 && d.toMinutes() % 5 == 0 && d.toSeconds() % 60 == 0) {
                return true;
            }
            problems.add(map.lineOf("timedInterval"), map.field("timedInterval"), "must be a multiple of 5 minutes");
            return false;
        }).orElse(Duration.ofHours(1));
        Duration keepAlive = map.duration("keepAlive", false).orElse(Duration.ofMinutes(1));
        Optional<Integer> historyDays = map.value("historyDays").isPresent()
                ? map.requiredInt("historyDays", 1, 3650) : Optional.of(HISTORY_DAYS);
        if (code.isEmpty() || password.isEmpty() || centres.size() != elements.size() || centres.size() > 4
                || historyDays.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("stationCode", code.get());
        p.put(".password", password.get().toUpperCase());
        p.put("stationType", type);
        p.put("centres", centres.toArray(String[]::new));
        p.put("elements", pairs.toArray(String[]::new));
        rain.ifPresent(r -> p.put("rainChannel", r));
        p.put("timedMinutes", (int) timed.toMinutes());
        p.put("added", map.optionalBoolean("added").orElse(true));
        p.put("keepAliveSeconds", (int) Math.max(10, keepAlive.toSeconds()));
        p.put("historyDays", historyDays.get());
        return Optional.of(new SectionConfiguration(PID, null, p));
    }

    /** {@code device/point} checked against the devices of the file, as the full channel id. */
    private Optional<String> channel(YamlMap map, String key, String text, Optional<String> stationCode,
                                     Map<String, Optional<ChannelSource>> sources) {
        String[] parts = text.split("/");
        if (parts.length != 2) {
            problems.add(map.lineOf(key), map.field(key), "'" + text + "' is not device/point");
            return Optional.empty();
        }
        Optional<ChannelSource> source = sources.getOrDefault(parts[0], Optional.empty());
        if (!sources.containsKey(parts[0])) {
            problems.add(map.lineOf(key), map.field(key), "no device '" + parts[0] + "' in this file");
            return Optional.empty();
        }
        if (source.isPresent() && !source.get().units().containsKey(parts[1])) {
            problems.add(map.lineOf(key), map.field(key), source.get().describedAs() + " has no point '" + parts[1]
                    + "'");
            return Optional.empty();
        }
        return stationCode.map(s -> s + "/" + text);
    }
}
