package io.weir.site.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the kind-specific fields of the rule kinds beyond {@code threshold}: rainfall, water-level, rate-of-rise,
 * rate-of-fall and fault (docs/configuration.md). Every problem names its line and field; the properties are those
 * the rules bundle's factory configurations read.
 */
final class KindParser {

    static final String RAINFALL = "rainfall";
    static final String WATER_LEVEL = "water-level";
    static final String RATE_OF_RISE = "rate-of-rise";
    static final String RATE_OF_FALL = "rate-of-fall";
    static final String FAULT = "fault";
    static final List<String> KINDS = List.of(RAINFALL, WATER_LEVEL, RATE_OF_RISE, RATE_OF_FALL, FAULT);

    private static final List<String> COMMON = List.of("id", "type", "channel");
    private static final List<String> LEVELS = List.of("blue", "yellow", "orange", "red");
    /** Mountain-flood tables' two indicators: prepare to evacuate (准备转移) is orange, evacuate now (立即转移) red. */
    private static final Map<String, String> INDICATORS = Map.of("prepare", "orange", "evacuate", "red");
    private static final List<String> WINDOWS = List.of("10m", "30m", "1h", "2h", "3h", "6h", "12h", "24h", "48h",
            "72h", "day", "event");
    /** {@code rainstorm-signal} is the old name of cma-observed-rain, still read. */
    private static final List<String> PRESETS = List.of("cma-observed-rain", "mountain-flood-example",
            "rainstorm-signal");
    private static final List<String> SOURCES = List.of("counter", "increment", "interval");
    private static final List<String> DIRECTIONS = List.of("above", "below");

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
            case RATE_OF_RISE, RATE_OF_FALL -> rate(map, p, kind.equals(RATE_OF_FALL));
            default -> fault(map, p);
        };
        return problems.list().size() == before ? Optional.of(new MappedRule("-", pid, p)) : Optional.empty();
    }

    private String rainfall(YamlMap map, Map<String, Object> p) {
        map.allowOnly(fields("source", "interval", "resolution", "counterModulus", "resetsDaily", "maxRate", "zone",
                "preset", "criteria", "hysteresis", "raiseAfter", "clearAfter", "minHold", "eventDry", "staleAfter",
                "publish"));
        Optional<String> source = map.optionalChoice("source", SOURCES);
        source.ifPresent(s -> p.put("source", s.toUpperCase(Locale.ROOT)));
        boolean interval = source.filter("interval"::equals).isPresent();
        if (interval) {
            map.duration("interval", true).ifPresent(d -> {
                long minutes = d.toMinutes();
                if (d.toSeconds() % 60 != 0 || minutes < 1 || minutes % 5 != 0 && minutes != 1) {
                    problems.add(map.lineOf("interval"), map.field("interval"), map.scalarText("interval")
                            + " must be 1m or a multiple of 5m (an RTU's observation interval)");
                } else {
                    p.put("intervalSeconds", d.toSeconds());
                }
            });
        } else if (map.keys().contains("interval")) {
            problems.add(map.lineOf("interval"), map.field("interval"), "only for source: interval");
        }
        positive(map, "resolution").ifPresent(v -> p.put("resolutionMm", v));
        map.optionalNumber("counterModulus").ifPresent(v -> {
            if (v >= 0 && v == Math.rint(v)) {
                p.put("counterModulus", v.longValue());
            } else {
                problems.add(map.lineOf("counterModulus"), map.field("counterModulus"), map.scalarText(
                        "counterModulus") + " is not a whole number >= 0 (65536 for a 16-bit counter, 0: no wrap)");
            }
        });
        map.optionalBoolean("resetsDaily").ifPresent(v -> {
            if (source.isPresent() && !source.get().equals("counter")) {
                problems.add(map.lineOf("resetsDaily"), map.field("resetsDaily"), "only for source: counter");
            } else {
                p.put("resetsDaily", v);
            }
        });
        positive(map, "maxRate").ifPresent(v -> p.put("maxRateMmPerHour", v));
        zone(map, p);
        map.optionalChoice("preset", PRESETS).ifPresent(s -> p.put("preset", s));
        var criteria = new ArrayList<String>();
        map.value("criteria").ifPresent(node -> YamlMap.of(node, map.field("criteria"), problems).ifPresent(levels -> {
            var names = new ArrayList<>(LEVELS);
            names.addAll(INDICATORS.keySet().stream().sorted().toList());
            levels.allowOnly(names);
            for (String level : names) {
                if (levels.keys().contains(level)) {
                    levels.requiredMap(level).ifPresent(windows -> {
                        windows.allowOnly(WINDOWS);
                        for (String window : WINDOWS) {
                            if (windows.keys().contains(window)) {
                                positive(windows, window).ifPresent(mm -> criteria.add(INDICATORS.getOrDefault(
                                        level, level) + ":" + window + ":" + YamlMap.plain(mm)));
                            }
                        }
                    });
                }
            }
        }));
        if (!map.keys().contains("preset") && criteria.isEmpty() && !map.keys().contains("criteria")) {
            problems.add(map.node(), map.path(), "needs a preset (cma-observed-rain, mountain-flood-example) or"
                    + " criteria");
        }
        if (!criteria.isEmpty()) {
            p.put("criteria", criteria.toArray(String[]::new));
        }
        map.optionalText("hysteresis").ifPresent(text -> {
            String t = text.strip();
            if (t.endsWith("%")) {
                number(t.substring(0, t.length() - 1)).filter(v -> v >= 0 && v < 100).ifPresentOrElse(
                        v -> p.put("hysteresisPercent", v), () -> problems.add(map.lineOf("hysteresis"),
                                map.field("hysteresis"), "'" + text + "' is not a percentage from 0% to 99%"));
            } else {
                number(t).filter(v -> v >= 0).ifPresentOrElse(v -> p.put("hysteresisMm", v), () -> problems.add(
                        map.lineOf("hysteresis"), map.field("hysteresis"), "'" + text + "' is not an amount in mm"
                                + " (>= 0) or a percentage of each window's amount (e.g. 10%)"));
            }
        });
        timing(map, p);
        durationWithin(map, "eventDry", false, Duration.ofHours(1), Duration.ofHours(72), "1h..72h")
                .ifPresent(d -> p.put("eventDrySeconds", d.toSeconds()));
        map.optionalBoolean("publish").ifPresent(v -> p.put("publish", v));
        return "io.weir.rules.rainfall";
    }

    private String waterLevel(YamlMap map, Map<String, Object> p) {
        map.allowOnly(fields("stationLevels", "direction", "levels", "hysteresis", "raiseAfter", "clearAfter",
                "minHold", "staleAfter", "zone"));
        var station = new LinkedHashMap<String, Double>();
        var seasons = new ArrayList<StationLevel.Season>();
        map.requiredMap("stationLevels").ifPresent(levels -> stationLevels(levels, p, station, seasons));
        Optional<String> direction = map.optionalChoice("direction", DIRECTIONS);
        direction.ifPresent(d -> p.put("direction", d.toUpperCase(Locale.ROOT)));
        boolean below = direction.filter("below"::equals).isPresent();
        map.requiredMap("levels").ifPresent(levels -> {
            levels.allowOnly(LEVELS);
            var expressions = new LinkedHashMap<String, String>();
            for (String level : LEVELS) {
                if (levels.keys().contains(level)) {
                    levels.requiredText(level).ifPresent(text -> StationLevel.check(text, station.keySet(),
                            !seasons.isEmpty()).ifPresentOrElse(problem -> problems.add(levels.lineOf(level),
                            levels.field(level), problem), () -> {
                                p.put(level, text.strip());
                                expressions.put(level, text.strip());
                            }));
                }
            }
            if (LEVELS.stream().noneMatch(levels.keys()::contains)) {
                problems.add(levels.node(), levels.path(), "needs at least one of " + String.join(", ", LEVELS));
            } else if (expressions.size() == LEVELS.stream().filter(levels.keys()::contains).count()) {
                StationLevel.ordering(expressions, station, seasons, below, p.get("datum"))
                        .ifPresent(problem -> problems.add(levels.node(), levels.path(), problem));
            }
        });
        debounce(map, p, "hysteresis");
        zone(map, p);
        return "io.weir.rules.waterlevel";
    }

    private void stationLevels(YamlMap station, Map<String, Object> p, Map<String, Double> declared,
                               List<StationLevel.Season> seasons) {
        var names = new ArrayList<String>(List.of("datum"));
        names.addAll(StationLevel.NAMES.keySet());
        station.allowOnly(names);
        station.optionalNumber("datum").ifPresent(v -> p.put("datum", v));
        for (Map.Entry<String, String> level : StationLevel.NAMES.entrySet()) {
            String name = level.getKey();
            if (name.equals("floodLimit") && station.value(name).filter(n -> !(n instanceof
                    org.yaml.snakeyaml.nodes.ScalarNode)).isPresent()) {
                floodSeasons(station, p, seasons);
                if (!seasons.isEmpty()) {
                    declared.put(name, Double.NaN);
                }
                continue;
            }
            station.optionalNumber(name).ifPresent(v -> {
                p.put(level.getValue(), v);
                declared.put(name, v);
            });
        }
        if (declared.isEmpty()) {
            problems.add(station.node(), station.path(), "needs at least one of " + String.join(", ",
                    StationLevel.NAMES.keySet()));
        }
    }

    /** {@code floodLimit} as a list of seasons: {@code {from: 06-01, to: 08-31, level: 101.5}}. */
    private void floodSeasons(YamlMap station, Map<String, Object> p, List<StationLevel.Season> seasons) {
        var schedule = new ArrayList<String>();
        for (YamlMap.Element element : station.list("floodLimit", true)) {
            YamlMap.of(element.node(), element.path(), problems).ifPresent(season -> {
                season.allowOnly(List.of("from", "to", "level"));
                Optional<MonthDay> from = season.requiredText("from").flatMap(t -> monthDay(season, "from", t));
                Optional<MonthDay> to = season.requiredText("to").flatMap(t -> monthDay(season, "to", t));
                Optional<Double> level = season.requiredNumber("level");
                if (from.isEmpty() || to.isEmpty() || level.isEmpty()) {
                    return;
                }
                var added = new StationLevel.Season(from.get(), to.get(), level.get());
                seasons.stream().filter(added::overlaps).findFirst().ifPresent(other -> problems.add(element.node(),
                        element.path(), "overlaps the season from --" + other.from().toString().substring(2)));
                seasons.add(added);
                schedule.add(added.format());
            });
        }
        if (!schedule.isEmpty()) {
            p.put("floodLimitSchedule", schedule.toArray(String[]::new));
        }
    }

    private Optional<MonthDay> monthDay(YamlMap map, String key, String text) {
        try {
            return Optional.of(MonthDay.parse("--" + text.strip()));
        } catch (DateTimeException e) {
            problems.add(map.lineOf(key), map.field(key), "'" + text + "' is not a day of the year as MM-dd, e.g."
                    + " 06-01");
            return Optional.empty();
        }
    }

    private String rate(YamlMap map, Map<String, Object> p, boolean fall) {
        map.allowOnly(fields("window", "levels", "hysteresis", "raiseAfter", "clearAfter", "minHold", "staleAfter"));
        if (fall) {
            p.put("sense", "FALL");
        }
        durationWithin(map, "window", true, Duration.ofMinutes(10), Duration.ofDays(2), "10m..48h")
                .ifPresent(d -> p.put("windowSeconds", d.toSeconds()));
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
        for (String retired : List.of("maxStep", "spikeConfirm")) {
            if (map.keys().contains(retired)) {
                problems.add(map.lineOf(retired), map.field(retired), "no longer used: a step per reading held back"
                        + " real floods; give maxRate, the fastest this channel can physically change in an hour"
                        + " (e.g. 20 for a river level in m)");
            }
        }
        map.allowOnly(fields("noData", "min", "max", "maxRate", "noise", "stuckAfter", "stuckTolerance",
                "clearAfter", "maxStep", "spikeConfirm"));
        duration(map, "noData", false).ifPresent(d -> p.put("noDataAfterSeconds", d.toSeconds()));
        Optional<Double> min = map.optionalNumber("min");
        Optional<Double> max = map.optionalNumber("max");
        min.ifPresent(v -> p.put("min", v));
        max.ifPresent(v -> p.put("max", v));
        if (min.isPresent() && max.isPresent() && min.get() >= max.get()) {
            problems.add(map.lineOf("max"), map.field("max"), map.scalarText("max") + " must be above min ("
                    + map.scalarText("min") + ")");
        }
        positive(map, "maxRate").ifPresent(v -> p.put("maxRatePerHour", v));
        map.optionalNumber("noise").ifPresent(v -> {
            if (v >= 0) {
                p.put("noise", v);
            } else {
                problems.add(map.lineOf("noise"), map.field("noise"), map.scalarText("noise") + " is negative");
            }
        });
        duration(map, "stuckAfter", false).ifPresent(d -> p.put("stuckAfterSeconds", d.toSeconds()));
        map.optionalNumber("stuckTolerance").ifPresent(v -> p.put("stuckTolerance", v));
        duration(map, "clearAfter", false).ifPresent(d -> p.put("clearAfterSeconds", d.toSeconds()));
        if (p.isEmpty() && !map.keys().contains("maxStep")) {
            problems.add(map.node(), map.path(), "needs at least one check: noData, min, max, maxRate, stuckAfter");
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
        timing(map, p);
    }

    /** Debounce, minimum hold and staleness: fields every warning rule kind has. */
    private void timing(YamlMap map, Map<String, Object> p) {
        duration(map, "raiseAfter", false).ifPresent(d -> p.put("raiseAfterSeconds", d.toSeconds()));
        duration(map, "clearAfter", false).ifPresent(d -> p.put("clearAfterSeconds", d.toSeconds()));
        duration(map, "minHold", false).ifPresent(d -> p.put("minHoldSeconds", d.toSeconds()));
        duration(map, "staleAfter", false).ifPresent(d -> p.put("staleAfterSeconds", d.toSeconds()));
    }

    private void zone(YamlMap map, Map<String, Object> p) {
        map.optionalText("zone").ifPresent(text -> {
            try {
                p.put("zone", ZoneId.of(text.strip()).getId());
            } catch (DateTimeException e) {
                problems.add(map.lineOf("zone"), map.field("zone"), "'" + text + "' is not a time zone (e.g."
                        + " Asia/Shanghai)");
            }
        });
    }

    private static Optional<Double> number(String text) {
        try {
            double v = Double.parseDouble(text.strip());
            return Double.isFinite(v) ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
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

    private Optional<Duration> durationWithin(YamlMap map, String key, boolean required, Duration min, Duration max,
                                              String range) {
        return map.duration(key, required).filter(d -> {
            if (d.compareTo(min) >= 0 && d.compareTo(max) <= 0) {
                return true;
            }
            problems.add(map.lineOf(key), map.field(key), map.scalarText(key) + " is outside " + range);
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
