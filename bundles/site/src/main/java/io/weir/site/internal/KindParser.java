package io.weir.site.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the kind-specific fields of the rule kinds beyond {@code threshold}: rainfall, water-level, rate-of-rise
 * and fault (docs/configuration.md). Every problem names its line and field; the properties are those the rules
 * bundle's factory configurations read.
 */
final class KindParser {

    static final String RAINFALL = "rainfall";
    static final String WATER_LEVEL = "water-level";
    static final String RATE_OF_RISE = "rate-of-rise";
    static final String FAULT = "fault";
    static final List<String> KINDS = List.of(RAINFALL, WATER_LEVEL, RATE_OF_RISE, FAULT);

    private static final List<String> COMMON = List.of("id", "type", "channel");
    private static final List<String> LEVELS = List.of("blue", "yellow", "orange", "red");
    private static final List<String> WINDOWS = List.of("10m", "1h", "3h", "6h", "12h", "24h", "day");
    private static final List<String> PRESETS = List.of("rainstorm-signal", "mountain-flood-example");
    private static final List<String> STATION = List.of("datum", "warning", "guaranteed", "floodLimit");
    private static final Pattern LEVEL_EXPRESSION = Pattern.compile(
            "(?:([0-9]+(?:\\.[0-9]+)?)\\s*%\\s*)?(warning|guaranteed|floodLimit)");

    private final Problems problems;

    KindParser(Problems problems) {
        this.problems = problems;
    }

    /** The kind's properties (without ruleId and channel), or empty when a field has a problem. */
    Optional<MappedRule> parse(String kind, YamlMap map) {
        var p = new HashMap<String, Object>();
        int before = problems.list().size();
        String pid = switch (kind) {
            case RAINFALL -> rainfall(map, p);
            case WATER_LEVEL -> waterLevel(map, p);
            case RATE_OF_RISE -> rateOfRise(map, p);
            default -> fault(map, p);
        };
        return problems.list().size() == before ? Optional.of(new MappedRule("-", pid, p)) : Optional.empty();
    }

    private String rainfall(YamlMap map, Map<String, Object> p) {
        map.allowOnly(fields("source", "resolution", "counterModulus", "maxRate", "preset", "criteria",
                "hysteresis", "raiseAfter", "clearAfter"));
        map.optionalText("source").ifPresent(s -> {
            if (s.equals("counter") || s.equals("increment")) {
                p.put("source", s.toUpperCase(java.util.Locale.ROOT));
            } else {
                problems.add(map.lineOf("source"), map.field("source"), "'" + s + "' is not counter or increment");
            }
        });
        positive(map, "resolution").ifPresent(v -> p.put("resolutionMm", v));
        map.optionalNumber("counterModulus").ifPresent(v -> {
            if (v >= 0 && v == Math.rint(v)) {
                p.put("counterModulus", v.longValue());
            } else {
                problems.add(map.lineOf("counterModulus"), map.field("counterModulus"), map.scalarText(
                        "counterModulus") + " is not a whole number >= 0 (65536 for a 16-bit counter, 0: no wrap)");
            }
        });
        positive(map, "maxRate").ifPresent(v -> p.put("maxRateMmPerHour", v));
        map.optionalText("preset").ifPresent(s -> {
            if (PRESETS.contains(s)) {
                p.put("preset", s);
            } else {
                problems.add(map.lineOf("preset"), map.field("preset"), "'" + s + "' is not a preset ("
                        + String.join(", ", PRESETS) + ")");
            }
        });
        var criteria = new ArrayList<String>();
        map.value("criteria").ifPresent(node -> YamlMap.of(node, map.field("criteria"), problems).ifPresent(levels -> {
            levels.allowOnly(LEVELS);
            for (String level : LEVELS) {
                if (levels.keys().contains(level)) {
                    levels.requiredMap(level).ifPresent(windows -> {
                        windows.allowOnly(WINDOWS);
                        for (String window : WINDOWS) {
                            if (windows.keys().contains(window)) {
                                positive(windows, window).ifPresent(mm -> criteria.add(level + ":" + window + ":"
                                        + YamlMap.plain(mm)));
                            }
                        }
                    });
                }
            }
        }));
        if (!map.keys().contains("preset") && criteria.isEmpty() && !map.keys().contains("criteria")) {
            problems.add(map.node(), map.path(), "needs a preset (" + String.join(", ", PRESETS) + ") or criteria");
        }
        if (!criteria.isEmpty()) {
            p.put("criteria", criteria.toArray(String[]::new));
        }
        debounce(map, p, "hysteresisMm");
        return "io.weir.rules.rainfall";
    }

    private String waterLevel(YamlMap map, Map<String, Object> p) {
        map.allowOnly(fields("stationLevels", "levels", "hysteresis", "raiseAfter", "clearAfter"));
        var declared = new ArrayList<String>();
        map.requiredMap("stationLevels").ifPresent(station -> {
            station.allowOnly(STATION);
            station.optionalNumber("datum").ifPresent(v -> p.put("datum", v));
            station.optionalNumber("warning").ifPresent(v -> { p.put("warningLevel", v); declared.add("warning"); });
            station.optionalNumber("guaranteed").ifPresent(v -> {
                p.put("guaranteedLevel", v);
                declared.add("guaranteed");
            });
            station.optionalNumber("floodLimit").ifPresent(v -> {
                p.put("floodLimitLevel", v);
                declared.add("floodLimit");
            });
            if (declared.isEmpty()) {
                problems.add(station.node(), station.path(), "needs at least one of warning, guaranteed, floodLimit");
            }
        });
        map.requiredMap("levels").ifPresent(levels -> {
            levels.allowOnly(LEVELS);
            for (String level : LEVELS) {
                if (levels.keys().contains(level)) {
                    levels.requiredText(level).ifPresent(text -> {
                        var m = LEVEL_EXPRESSION.matcher(text.strip());
                        if (m.matches() && !declared.contains(m.group(2))) {
                            problems.add(levels.lineOf(level), levels.field(level), "'" + text + "' names the "
                                    + m.group(2) + " level, which stationLevels does not give");
                        } else if (!m.matches() && !text.strip().matches("[-+]?[0-9]+(\\.[0-9]+)?")) {
                            problems.add(levels.lineOf(level), levels.field(level), "'" + text + "' is not a number,"
                                    + " a station level or a percentage of one (e.g. 85% warning)");
                        } else {
                            p.put(level, text.strip());
                        }
                    });
                }
            }
            if (LEVELS.stream().noneMatch(levels.keys()::contains)) {
                problems.add(levels.node(), levels.path(), "needs at least one of " + String.join(", ", LEVELS));
            }
        });
        debounce(map, p, "hysteresis");
        return "io.weir.rules.waterlevel";
    }

    private String rateOfRise(YamlMap map, Map<String, Object> p) {
        map.allowOnly(fields("window", "levels", "hysteresis", "raiseAfter", "clearAfter"));
        duration(map, "window", true).ifPresent(d -> {
            if (d.compareTo(Duration.ofMinutes(10)) < 0 || d.compareTo(Duration.ofDays(2)) > 0) {
                problems.add(map.lineOf("window"), map.field("window"), map.scalarText("window")
                        + " is outside 10m..48h");
            } else {
                p.put("windowSeconds", d.toSeconds());
            }
        });
        map.requiredMap("levels").ifPresent(levels -> {
            levels.allowOnly(LEVELS);
            Double previous = null;
            for (String level : LEVELS) {
                if (levels.keys().contains(level)) {
                    Optional<Double> v = positive(levels, level);
                    if (v.isPresent() && previous != null && v.get() <= previous) {
                        problems.add(levels.lineOf(level), levels.field(level), levels.scalarText(level)
                                + " must be above the level before it (" + YamlMap.plain(previous) + ")");
                    }
                    v.ifPresent(x -> p.put(level, x));
                    previous = v.orElse(previous);
                }
            }
        });
        debounce(map, p, "hysteresis");
        return "io.weir.rules.rise";
    }

    private String fault(YamlMap map, Map<String, Object> p) {
        map.allowOnly(fields("noData", "min", "max", "maxStep", "spikeConfirm", "stuckAfter", "stuckTolerance",
                "clearAfter"));
        duration(map, "noData", false).ifPresent(d -> p.put("noDataAfterSeconds", d.toSeconds()));
        Optional<Double> min = map.optionalNumber("min");
        Optional<Double> max = map.optionalNumber("max");
        min.ifPresent(v -> p.put("min", v));
        max.ifPresent(v -> p.put("max", v));
        if (min.isPresent() && max.isPresent() && min.get() >= max.get()) {
            problems.add(map.lineOf("max"), map.field("max"), map.scalarText("max") + " must be above min ("
                    + map.scalarText("min") + ")");
        }
        positive(map, "maxStep").ifPresent(v -> p.put("maxStep", v));
        map.optionalNumber("spikeConfirm").ifPresent(v -> {
            if (v >= 1 && v <= 100 && v == Math.rint(v)) {
                p.put("spikeConfirm", v.intValue());
            } else {
                problems.add(map.lineOf("spikeConfirm"), map.field("spikeConfirm"), map.scalarText("spikeConfirm")
                        + " is not a whole number in 1..100");
            }
        });
        duration(map, "stuckAfter", false).ifPresent(d -> p.put("stuckAfterSeconds", d.toSeconds()));
        map.optionalNumber("stuckTolerance").ifPresent(v -> p.put("stuckTolerance", v));
        duration(map, "clearAfter", false).ifPresent(d -> p.put("clearAfterSeconds", d.toSeconds()));
        if (p.isEmpty()) {
            problems.add(map.node(), map.path(), "needs at least one check: noData, min, max, maxStep, stuckAfter");
        }
        return "io.weir.rules.fault";
    }

    private void debounce(YamlMap map, Map<String, Object> p, String hysteresisProperty) {
        map.optionalNumber("hysteresis").ifPresent(h -> {
            if (h >= 0) {
                p.put(hysteresisProperty, h);
            } else {
                problems.add(map.lineOf("hysteresis"), map.field("hysteresis"), map.scalarText("hysteresis")
                        + " is negative");
            }
        });
        duration(map, "raiseAfter", false).ifPresent(d -> p.put("raiseAfterSeconds", d.toSeconds()));
        duration(map, "clearAfter", false).ifPresent(d -> p.put("clearAfterSeconds", d.toSeconds()));
    }

    private Optional<Double> positive(YamlMap map, String key) {
        return map.optionalNumber(key).filter(v -> {
            if (v > 0) {
                return true;
            }
            problems.add(map.lineOf(key), map.field(key), map.scalarText(key) + " must be above 0");
            return false;
        });
    }

    private Optional<Duration> duration(YamlMap map, String key, boolean required) {
        return map.duration(key, required);
    }

    private static List<String> fields(String... kindFields) {
        var all = new ArrayList<>(COMMON);
        all.addAll(List.of(kindFields));
        return all;
    }
}
