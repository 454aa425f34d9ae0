package io.weir.rules.internal;

import java.util.Collections;
import java.util.EnumMap;
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
 * @param thresholds the levels used (any of the four warning colours, at least one), each with its threshold;
 *                   strictly increasing with the level for ABOVE, strictly decreasing for BELOW
 * @param hysteresis how far back past a threshold the value must come before its level is left (>= 0)
 * @param unit       the channel's unit, for messages
 * @param debounce   how long a higher or lower level must hold before the alarm follows it
 */
record ThresholdRuleSpec(String ruleId, String channel, Direction direction, Map<AlarmLevel, Double> thresholds,
                         double hysteresis, String unit, Debounce debounce) {

    ThresholdRuleSpec(String ruleId, String channel, Direction direction, Map<AlarmLevel, Double> thresholds,
                      double hysteresis, String unit) {
        this(ruleId, channel, direction, thresholds, hysteresis, unit, Debounce.NONE);
    }

    ThresholdRuleSpec {
        ruleId = required("rule", "ruleId", ruleId);
        channel = required(ruleId, "channel", channel);
        Objects.requireNonNull(direction, "direction");
        unit = unit == null ? "" : unit;
        debounce = debounce == null ? Debounce.NONE : debounce;
        var sorted = new EnumMap<AlarmLevel, Double>(AlarmLevel.class);
        sorted.putAll(thresholds);
        thresholds = Collections.unmodifiableMap(sorted);
        if (thresholds.isEmpty()) {
            throw new IllegalArgumentException("rule " + ruleId + ": at least one of blue, yellow, orange, red is"
                    + " needed");
        }
        Map.Entry<AlarmLevel, Double> previous = null;
        for (Map.Entry<AlarmLevel, Double> e : thresholds.entrySet()) {
            if (!e.getKey().isWarning()) {
                throw new IllegalArgumentException("rule " + ruleId + ": " + e.getKey() + " is not a warning level");
            }
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("rule " + ruleId + ": threshold of " + e.getKey()
                        + " must be a finite number, was " + e.getValue());
            }
            if (previous != null && !direction.ordered(previous.getValue(), e.getValue())) {
                throw new IllegalArgumentException("rule " + ruleId + ": with direction " + direction + " the "
                        + e.getKey() + " threshold " + e.getValue() + " must be "
                        + (direction == Direction.ABOVE ? "above" : "below") + " the " + previous.getKey()
                        + " threshold " + previous.getValue());
            }
            previous = e;
        }
        if (!(hysteresis >= 0) || !Double.isFinite(hysteresis)) {
            throw new IllegalArgumentException("rule " + ruleId + ": hysteresis must be a finite number >= 0, was "
                    + hysteresis);
        }
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
                config.clearAfterSeconds()));
    }

    /** The lowest level used: the one whose threshold ends an alarm. */
    AlarmLevel lowest() {
        return thresholds.keySet().iterator().next();
    }

    double threshold(AlarmLevel level) {
        return thresholds.get(level);
    }

    private static void putIfSet(Map<AlarmLevel, Double> thresholds, AlarmLevel level, double value) {
        if (!Double.isNaN(value)) {
            thresholds.put(level, value);
        }
    }

    private static Direction direction(String ruleId, String value) {
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
        if (raiseAfterSeconds < 0 || clearAfterSeconds < 0) {
            throw new IllegalArgumentException("rule " + ruleId + ": raiseAfterSeconds and clearAfterSeconds must"
                    + " not be negative, were " + raiseAfterSeconds + " and " + clearAfterSeconds);
        }
        return Debounce.ofSeconds(raiseAfterSeconds, clearAfterSeconds);
    }

    static String required(String ruleId, String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("rule " + ruleId + ": " + name + " is missing");
        }
        return value.strip();
    }
}
