package io.weir.rules.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.weir.api.AlarmLevel;

/**
 * A threshold rule's settings, checked once.
 *
 * @param ruleId     unique among the site's rules; part of the alarm id
 * @param channel    the full {@code station/device/point} channel watched
 * @param direction  which side of the thresholds alarms
 * @param thresholds the levels used (any of the four warning colours), each with its threshold; strictly
 *                   increasing with the level for ABOVE, strictly decreasing for BELOW. At least one, unless seasons
 *                   are given: then these hold outside every season, and may be none
 * @param hysteresis how far back past a threshold the value must come before its level is left (>= 0)
 * @param unit       the channel's unit, for messages
 * @param debounce   how long a higher or lower level must hold before the alarm follows it
 * @param seasons    dated thresholds (a reservoir's flood-limit level by flood season), first match wins
 * @param zone       local time zone, for the seasons' dates
 * @param staleAfter with no usable reading this long, an active alarm is cleared saying STALE (0: held)
 */
record ThresholdRuleSpec(String ruleId, String channel, Direction direction, Map<AlarmLevel, Double> thresholds,
                         double hysteresis, String unit, Debounce debounce, List<Season> seasons, ZoneId zone,
                         Duration staleAfter) {

    /** Thresholds in force from one day of the year to another, both included (it may run over the new year). */
    record Season(MonthDay from, MonthDay to, Map<AlarmLevel, Double> thresholds) {
        Season {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            thresholds = sorted(thresholds);
        }

        boolean holds(MonthDay day) {
            return from.compareTo(to) <= 0 ? !day.isBefore(from) && !day.isAfter(to)
                    : !day.isBefore(from) || !day.isAfter(to);
        }
    }

    ThresholdRuleSpec(String ruleId, String channel, Direction direction, Map<AlarmLevel, Double> thresholds,
                      double hysteresis, String unit) {
        this(ruleId, channel, direction, thresholds, hysteresis, unit, Debounce.NONE);
    }

    ThresholdRuleSpec(String ruleId, String channel, Direction direction, Map<AlarmLevel, Double> thresholds,
                      double hysteresis, String unit, Debounce debounce) {
        this(ruleId, channel, direction, thresholds, hysteresis, unit, debounce, List.of(), DEFAULT_ZONE,
                Duration.ZERO);
    }

    static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    ThresholdRuleSpec {
        ruleId = required("rule", "ruleId", ruleId);
        channel = required(ruleId, "channel", channel);
        Objects.requireNonNull(direction, "direction");
        unit = unit == null ? "" : unit;
        debounce = debounce == null ? Debounce.NONE : debounce;
        seasons = List.copyOf(seasons);
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(staleAfter, "staleAfter");
        thresholds = sorted(thresholds);
        if (thresholds.isEmpty() && seasons.isEmpty()) {
            throw new IllegalArgumentException("rule " + ruleId + ": at least one of blue, yellow, orange, red is"
                    + " needed");
        }
        check(ruleId, direction, thresholds, "");
        for (Season season : seasons) {
            if (season.thresholds().isEmpty()) {
                throw new IllegalArgumentException("rule " + ruleId + ": the season from " + season.from() + " has"
                        + " no level");
            }
            check(ruleId, direction, season.thresholds(), " (season from " + season.from() + " to " + season.to()
                    + ")");
        }
        if (!(hysteresis >= 0) || !Double.isFinite(hysteresis)) {
            throw new IllegalArgumentException("rule " + ruleId + ": hysteresis must be a finite number >= 0, was "
                    + hysteresis);
        }
        if (staleAfter.isNegative()) {
            throw new IllegalArgumentException("rule " + ruleId + ": staleAfter must not be negative");
        }
    }

    private static Map<AlarmLevel, Double> sorted(Map<AlarmLevel, Double> thresholds) {
        var sorted = new EnumMap<AlarmLevel, Double>(AlarmLevel.class);
        sorted.putAll(thresholds);
        return Collections.unmodifiableMap(sorted);
    }

    private static void check(String ruleId, Direction direction, Map<AlarmLevel, Double> thresholds, String where) {
        AlarmLevel previous = null;
        for (AlarmLevel level : Ladder.levelsIn(thresholds)) {
            Double value = thresholds.get(level);
            if (!level.isWarning()) {
                throw new IllegalArgumentException("rule " + ruleId + ": " + level + " is not a warning level");
            }
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("rule " + ruleId + ": threshold of " + level
                        + " must be a finite number, was " + value + where);
            }
            if (previous != null && !direction.ordered(thresholds.get(previous), value)) {
                throw new IllegalArgumentException("rule " + ruleId + ": with direction " + direction + " the "
                        + level + " threshold " + value + " must be "
                        + (direction == Direction.ABOVE ? "above" : "below") + " the " + previous
                        + " threshold " + thresholds.get(previous) + where);
            }
            previous = level;
        }
    }

    /** The season in force at an instant (its position in {@link #seasons}), or -1 outside every season. */
    int seasonAt(Instant at) {
        if (seasons.isEmpty()) {
            return -1;
        }
        MonthDay day = MonthDay.from(at.atZone(zone));
        for (int i = 0; i < seasons.size(); i++) {
            if (seasons.get(i).holds(day)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * From the configuration. A level is unused when its property is absent, which the configuration type turns
     * into its default NaN; ConfigAdmin has no null, and NaN is never a usable threshold.
     */
    static ThresholdRuleSpec from(ThresholdRuleConfig config) {
        String ruleId = config.ruleId();
        var thresholds = new EnumMap<AlarmLevel, Double>(AlarmLevel.class);
        putIfSet(thresholds, AlarmLevel.BLUE, config.blue());
        putIfSet(thresholds, AlarmLevel.YELLOW, config.yellow());
        putIfSet(thresholds, AlarmLevel.ORANGE, config.orange());
        putIfSet(thresholds, AlarmLevel.RED, config.red());
        return new ThresholdRuleSpec(ruleId, config.channel(), direction(ruleId, config.direction()), thresholds,
                config.hysteresis(), config.unit(), debounce(ruleId, config.raiseAfterSeconds(),
                config.clearAfterSeconds(), config.minHoldSeconds()), List.of(), DEFAULT_ZONE,
                staleAfter(ruleId, config.staleAfterSeconds()));
    }

    /** The lowest level used outside the seasons: the one whose threshold ends an alarm. */
    AlarmLevel lowest() {
        AlarmLevel[] levels = Ladder.levelsIn(thresholds);
        if (levels.length == 0) {
            throw new IllegalStateException("rule " + ruleId + " has no threshold outside its seasons");
        }
        return levels[0];
    }

    double threshold(AlarmLevel level) {
        return thresholds.get(level);
    }

    private static void putIfSet(Map<AlarmLevel, Double> thresholds, AlarmLevel level, double value) {
        if (!Double.isNaN(value)) {
            thresholds.put(level, value);
        }
    }

    static Duration staleAfter(String ruleId, long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("rule " + ruleId + ": staleAfterSeconds must not be negative, was "
                    + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    static Direction direction(String ruleId, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("rule " + ruleId + ": direction is missing (ABOVE or BELOW)");
        }
        try {
            return Direction.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rule " + ruleId + ": direction '" + value + "' is not ABOVE or"
                    + " BELOW", e);
        }
    }

    static Debounce debounce(String ruleId, long raiseAfterSeconds, long clearAfterSeconds) {
        return debounce(ruleId, raiseAfterSeconds, clearAfterSeconds, 0);
    }

    static Debounce debounce(String ruleId, long raiseAfterSeconds, long clearAfterSeconds, long minHoldSeconds) {
        if (raiseAfterSeconds < 0 || clearAfterSeconds < 0 || minHoldSeconds < 0) {
            throw new IllegalArgumentException("rule " + ruleId + ": raiseAfterSeconds, clearAfterSeconds and"
                    + " minHoldSeconds must not be negative, were " + raiseAfterSeconds + ", " + clearAfterSeconds
                    + " and " + minHoldSeconds);
        }
        return Debounce.ofSeconds(raiseAfterSeconds, clearAfterSeconds, minHoldSeconds);
    }

    static String required(String ruleId, String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("rule " + ruleId + ": " + name + " is missing");
        }
        return value.strip();
    }
}
