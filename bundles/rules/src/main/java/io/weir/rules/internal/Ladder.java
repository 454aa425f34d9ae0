package io.weir.rules.internal;

import java.util.Arrays;
import java.util.Map;

import io.weir.api.AlarmLevel;

/**
 * Warning levels with thresholds in one direction and a hysteresis: which level a value is at, given the level
 * the alarm is at now. A level is reached at its threshold and left only once the value has come back past it by
 * more than the hysteresis, so noise at a threshold never flaps.
 */
final class Ladder {

    private final Map<AlarmLevel, Double> thresholds;
    private final AlarmLevel[] levels; // lowest first; arrays, as every reading of the channel walks them
    private final double[] values;
    private final Direction direction;
    private final double hysteresis;

    /** @param thresholds in severity order (an EnumMap), checked by the caller */
    Ladder(Map<AlarmLevel, Double> thresholds, Direction direction, double hysteresis) {
        this.thresholds = thresholds;
        this.levels = levelsIn(thresholds);
        this.values = Arrays.stream(levels).mapToDouble(thresholds::get).toArray();
        this.direction = direction;
        this.hysteresis = hysteresis;
    }

    /**
     * The levels a map of thresholds holds, lowest first. Asked level by level, never through the map's key, value
     * or entry views: an EnumMap and its unmodifiable wrapper keep every view they hand out, 96 bytes a rule for the
     * life of the rule.
     */
    static AlarmLevel[] levelsIn(Map<AlarmLevel, Double> thresholds) {
        return Arrays.stream(AlarmLevel.values()).filter(thresholds::containsKey).toArray(AlarmLevel[]::new);
    }

    /** The level for {@code value} when the alarm is at {@code current} ({@code null}: none). */
    AlarmLevel target(AlarmLevel current, double value) {
        AlarmLevel target = null;
        for (int i = 0; i < levels.length; i++) {
            AlarmLevel l = levels[i];
            double threshold = values[i];
            boolean reached = direction.reaches(value, threshold);
            boolean held = current != null && l.compareTo(current) <= 0
                    && !direction.pastBy(value, threshold, hysteresis);
            if (reached || held) {
                target = l;
            }
        }
        return target;
    }

    AlarmLevel lowest() {
        return levels[0];
    }

    Double threshold(AlarmLevel level) {
        return thresholds.get(level);
    }
}
