package io.weir.site.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.weir.api.AlarmLevel;

/**
 * Reads the {@code rules} list of a site file, checking each rule's channel against the file's devices. Composites
 * name other rules, which may come later in the file, so their operands are checked once every rule has been read.
 */
final class RuleParser {

    /** Rule ids become configuration names, like device ids, so they follow the same pattern. */
    static final Pattern RULE_ID = DeviceParser.DEVICE_ID;
    static final String THRESHOLD = "threshold";
    static final String COMPOSITE = "composite";
    static final String COMPOSITE_PID = "io.weir.rules.composite";
    private static final List<String> COMPOSITE_FIELDS = List.of("id", "type", "operator", "rules");
    private static final List<String> OPERATORS = List.of("and", "or");
    private static final List<String> FIELDS = List.of("id", "type", "channel", "direction", "levels", "hysteresis",
            "minHold", "staleAfter");
    private static final List<String> LEVEL_NAMES = warningLevels().stream()
            .map(l -> l.name().toLowerCase(Locale.ROOT)).toList();

    private final Optional<String> stationCode;
    private final Map<String, Optional<ChannelSource>> devices;
    private final Problems problems;

    /**
     * @param stationCode prefix of full channel names; empty when the site section has a problem
     * @param devices     every device id in the file, with its points when they are known (a profile that did
     *                    not resolve has its own problem already)
     */
    RuleParser(Optional<String> stationCode, Map<String, Optional<ChannelSource>> devices, Problems problems) {
        this.stationCode = stationCode;
        this.devices = devices;
        this.problems = problems;
    }

    /** A composite read as far as it can be before the other rules are known. */
    private record Composite(String id, String operator, Map<String, YamlMap.Element> operands) {
    }

    List<SiteRule> parse(List<YamlMap.Element> elements) {
        var rules = new ArrayList<SiteRule>();
        var idPaths = new HashMap<String, String>();
        var composites = new ArrayList<Composite>();
        var compositeIds = new HashSet<String>(); // with those that have problems of their own
        for (YamlMap.Element element : elements) {
            YamlMap.of(element.node(), element.path(), problems)
                    .flatMap(map -> rule(map, idPaths, composites, compositeIds))
                    .ifPresent(rules::add);
        }
        for (Composite composite : composites) {
            operands(composite, idPaths, compositeIds).ifPresent(rules::add);
        }
        return List.copyOf(rules);
    }

    private Optional<? extends SiteRule> rule(YamlMap map, Map<String, String> idPaths, List<Composite> composites,
                                              Set<String> compositeIds) {
        Optional<String> type = map.requiredText("type");
        if (type.isPresent() && !type.get().equals(THRESHOLD) && !type.get().equals(COMPOSITE)
                && !KindParser.KINDS.contains(type.get())) {
            problems.add(map.lineOf("type"), map.field("type"), "'" + type.get() + "' is not a rule type this gateway"
                    + " knows (" + THRESHOLD + ", " + String.join(", ", KindParser.KINDS) + ", " + COMPOSITE + ")");
        }
        if (type.filter(COMPOSITE::equals).isPresent()) {
            map.optionalText("id").ifPresent(compositeIds::add);
            composite(map, idPaths).ifPresent(composites::add);
            return Optional.empty(); // mapped once every rule id is known
        }
        if (type.isPresent() && KindParser.KINDS.contains(type.get())) {
            Optional<String> id = id(map, idPaths);
            Optional<String> unit = map.requiredText("channel").flatMap(text -> unit(text, map));
            Optional<MappedRule> rule = new KindParser(problems).parse(type.get(), map);
            if (id.isEmpty() || unit.isEmpty() || rule.isEmpty() || stationCode.isEmpty()) {
                return Optional.empty();
            }
            var properties = new HashMap<>(rule.get().properties());
            properties.put("ruleId", id.get());
            properties.put("channel", stationCode.get() + "/" + map.scalarText("channel"));
            if (!type.get().equals(KindParser.FAULT) && !type.get().equals(KindParser.RAINFALL)) {
                properties.put("unit", unit.get());
            }
            return Optional.of(new MappedRule(id.get(), rule.get().factoryPid(), properties));
        }
        if (type.filter(THRESHOLD::equals).isEmpty()) {
            return Optional.empty(); // the other fields depend on the type: checking them would only add noise
        }
        map.allowOnly(FIELDS);
        Optional<String> id = id(map, idPaths);
        Optional<String> unit = map.requiredText("channel").flatMap(text -> unit(text, map));
        Optional<Direction> direction = map.requiredText("direction").flatMap(text -> direction(text, map));
        Optional<Map<AlarmLevel, Double>> levels = map.requiredMap("levels").flatMap(l -> levels(l, direction));
        Optional<Double> hysteresis = map.requiredNumber("hysteresis").filter(h -> {
            if (h >= 0) {
                return true;
            }
            problems.add(map.lineOf("hysteresis"), map.field("hysteresis"), map.scalarText("hysteresis")
                    + " is negative");
            return false;
        });
        Optional<Duration> minHold = map.duration("minHold", false);
        Optional<Duration> staleAfter = map.duration("staleAfter", false);
        if (id.isEmpty() || unit.isEmpty() || direction.isEmpty() || levels.isEmpty() || hysteresis.isEmpty()
                || stationCode.isEmpty()) {
            return Optional.empty();
        }
        String channel = stationCode.get() + "/" + map.scalarText("channel");
        return Optional.of(new ThresholdRule(id.get(), channel, direction.get(), levels.get(), hysteresis.get(),
                unit.get(), minHold.orElse(Duration.ZERO), staleAfter.orElse(Duration.ZERO)));
    }

    /** A composite's own fields: its operands must be at least 2 different rules, not itself. */
    private Optional<Composite> composite(YamlMap map, Map<String, String> idPaths) {
        map.allowOnly(COMPOSITE_FIELDS);
        Optional<String> id = id(map, idPaths);
        Optional<String> operator = map.requiredText("operator").filter(text -> {
            if (OPERATORS.contains(text)) {
                return true;
            }
            problems.add(map.lineOf("operator"), map.field("operator"), "'" + text + "' is not and or or");
            return false;
        });
        int before = problems.list().size();
        List<YamlMap.Element> elements = map.list("rules", true);
        var operands = new LinkedHashMap<String, YamlMap.Element>();
        for (YamlMap.Element element : elements) {
            map.text(element).ifPresent(text -> {
                if (id.isPresent() && text.equals(id.get())) {
                    problems.add(element.node(), element.path(), "a composite cannot combine itself");
                } else if (operands.putIfAbsent(text, element) != null) {
                    problems.add(element.node(), element.path(), "'" + text + "' is named twice");
                }
            });
        }
        if (map.value("rules").isPresent() && elements.size() < 2 && problems.list().size() == before) {
            problems.add(map.lineOf("rules"), map.field("rules"), "needs at least 2 rules to combine, has "
                    + elements.size());
        }
        if (id.isEmpty() || operator.isEmpty() || problems.list().size() != before) {
            return Optional.empty();
        }
        return Optional.of(new Composite(id.get(), operator.get(), operands));
    }

    /** Checks a composite's operands against every rule of the file and maps it. */
    private Optional<MappedRule> operands(Composite composite, Map<String, String> idPaths, Set<String> compositeIds) {
        int before = problems.list().size();
        for (Map.Entry<String, YamlMap.Element> operand : composite.operands().entrySet()) {
            String text = operand.getKey();
            YamlMap.Element element = operand.getValue();
            if (!idPaths.containsKey(text)) {
                problems.add(element.node(), element.path(), "no rule '" + text + "' in this file (rules: "
                        + String.join(", ", idPaths.keySet().stream().sorted().toList()) + ")");
            } else if (compositeIds.contains(text)) {
                problems.add(element.node(), element.path(), "'" + text + "' is a composite; a composite combines"
                        + " rules of the other kinds");
            }
        }
        if (problems.list().size() != before) {
            return Optional.empty();
        }
        var properties = new HashMap<String, Object>();
        properties.put("ruleId", composite.id());
        properties.put("operator", composite.operator().toUpperCase(Locale.ROOT));
        properties.put("operands", composite.operands().keySet().toArray(String[]::new));
        return Optional.of(new MappedRule(composite.id(), COMPOSITE_PID, properties));
    }

    private Optional<String> id(YamlMap map, Map<String, String> idPaths) {
        return map.requiredText("id", RULE_ID).filter(text -> {
            String first = idPaths.putIfAbsent(text, map.path() + " (line " + map.lineOf("id") + ")");
            if (first != null) {
                problems.add(map.lineOf("id"), map.field("id"), "'" + text + "' is already the id of " + first);
            }
            return first == null;
        });
    }

    /** The unit of the point a {@code device/point} channel names, checked against the file's devices. */
    private Optional<String> unit(String channel, YamlMap map) {
        String[] parts = channel.split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            problems.add(map.lineOf("channel"), map.field("channel"), "'" + channel + "' must be device/point, e.g."
                    + " radar-1/water_level (the station code is added by the gateway)");
            return Optional.empty();
        }
        Optional<ChannelSource> source = devices.get(parts[0]);
        if (source == null) {
            problems.add(map.lineOf("channel"), map.field("channel"), "no device '" + parts[0] + "' in this file"
                    + (devices.isEmpty() ? "" : " (devices: " + String.join(", ", devices.keySet().stream().sorted()
                    .toList()) + ")"));
            return Optional.empty();
        }
        if (source.isEmpty()) {
            return Optional.empty(); // the device's profile has its own problem already
        }
        String unit = source.get().units().get(parts[1]);
        if (unit == null) {
            problems.add(map.lineOf("channel"), map.field("channel"), source.get().describedAs() + " of device '"
                    + parts[0] + "' has no point '" + parts[1] + "' (points: "
                    + String.join(", ", source.get().units().keySet()) + ")");
            return Optional.empty();
        }
        return Optional.of(unit);
    }

    private Optional<Direction> direction(String text, YamlMap map) {
        for (Direction direction : Direction.values()) {
            if (direction.name().toLowerCase(Locale.ROOT).equals(text)) {
                return Optional.of(direction);
            }
        }
        problems.add(map.lineOf("direction"), map.field("direction"), "'" + text + "' is not above or below");
        return Optional.empty();
    }

    /** The levels in use, each beyond the one before it in the rule's direction (above: blue < yellow < ...). */
    private Optional<Map<AlarmLevel, Double>> levels(YamlMap map, Optional<Direction> direction) {
        map.allowOnly(LEVEL_NAMES);
        var levels = new EnumMap<AlarmLevel, Double>(AlarmLevel.class);
        boolean valid = true;
        for (AlarmLevel level : warningLevels()) {
            String key = level.name().toLowerCase(Locale.ROOT);
            if (map.keys().contains(key)) {
                Optional<Double> value = map.requiredNumber(key);
                value.ifPresent(v -> levels.put(level, v));
                valid &= value.isPresent();
            }
        }
        if (levels.isEmpty() && valid) {
            problems.add(map.node(), map.path(), "needs at least one of " + String.join(", ", LEVEL_NAMES));
            return Optional.empty();
        }
        if (direction.isPresent()) {
            valid &= monotonic(map, levels, direction.get());
        }
        return valid ? Optional.of(levels) : Optional.empty();
    }

    private boolean monotonic(YamlMap map, Map<AlarmLevel, Double> levels, Direction direction) {
        boolean monotonic = true;
        Map.Entry<AlarmLevel, Double> previous = null;
        for (Map.Entry<AlarmLevel, Double> entry : levels.entrySet()) {
            if (previous != null) {
                boolean beyond = direction == Direction.ABOVE
                        ? entry.getValue() > previous.getValue()
                        : entry.getValue() < previous.getValue();
                if (!beyond) {
                    String key = entry.getKey().name().toLowerCase(Locale.ROOT);
                    problems.add(map.lineOf(key), map.field(key), map.scalarText(key) + " must be "
                            + (direction == Direction.ABOVE ? "above " : "below ")
                            + previous.getKey().name().toLowerCase(Locale.ROOT)
                            + " (" + YamlMap.plain(previous.getValue())
                            + ") for a rule of direction " + direction.name().toLowerCase(Locale.ROOT));
                    monotonic = false;
                }
            }
            previous = entry;
        }
        return monotonic;
    }

    private static List<AlarmLevel> warningLevels() {
        return Arrays.stream(AlarmLevel.values()).filter(AlarmLevel::isWarning).toList();
    }
}
