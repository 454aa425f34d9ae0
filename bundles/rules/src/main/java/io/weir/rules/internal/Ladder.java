package io.weir.rules.internal;

import java.util.List;
import java.util.Map;

import io.weir.api.AlarmLevel;

/**
 * Warning levels with thresholds in one direction and a hysteresis: which level a value is at, given the level
 * the alarm is at now. A level is reached at its threshold and left only once the value has come back past it by
 * more than the hysteresis, so noise at a threshold never flaps.
 */
final class Ladder {

    private final Map<AlarmLevel, Double> thresholds;
    private final List<AlarmLevel> levels; // lowest first
    private final Direction direction;
    private final double hysteresis;

    /** @param thresholds in severity order (an EnumMap), checked by the caller */
    Ladder(Map<AlarmLevel, Double> thresholds, Direction direction, double hysteresis) {
        this.thresholds = thresholds;
        this.levels = List.copyOf(thresholds.keySet());
        this.direction = direction;
        this.hysteresis = hysteresis;
    }

    /** The level for {@code value} when the alarm is at {@code current} ({@code null}: none). */
    AlarmLevel target(AlarmLevel current, double value) {
        AlarmLevel target = null;
        for (AlarmLevel l : levels) {
            double threshold = thresholds.get(l);
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
        return levels.get(0);
    }

    Double threshold(AlarmLevel level) {
        return thresholds.get(level);
    }
}
