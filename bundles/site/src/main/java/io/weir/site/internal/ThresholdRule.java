package io.weir.site.internal;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import io.weir.api.AlarmLevel;

/**
 * A rule that raises an alarm when one channel crosses fixed levels.
 *
 * @param id         unique in the site
 * @param channel    full channel name {@code station/device/point}
 * @param direction  which way the value crosses the levels
 * @param levels     the levels in use, at least one, monotonic in the direction; warning levels only
 * @param hysteresis how far back past a level the value must go before that level clears
 * @param unit       the channel's engineering unit, which the levels are in
 * @param minHold    how long a level is kept at least once reached; zero for none
 * @param staleAfter how long without a usable reading before an active alarm is cleared saying STALE; zero: held
 */
public record ThresholdRule(String id, String channel, Direction direction, Map<AlarmLevel, Double> levels,
                            double hysteresis, String unit, Duration minHold, Duration staleAfter)
        implements SiteRule {

    public ThresholdRule(String id, String channel, Direction direction, Map<AlarmLevel, Double> levels,
                         double hysteresis, String unit) {
        this(id, channel, direction, levels, hysteresis, unit, Duration.ZERO, Duration.ZERO);
    }

    public ThresholdRule {
        Objects.requireNonNull(minHold, "minHold");
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(unit, "unit");
        if (levels.isEmpty() || levels.containsKey(AlarmLevel.FAULT)) {
            throw new IllegalArgumentException("rule " + id + " needs at least one warning level and no FAULT level");
        }
        // EnumMap keeps levels in severity order, which is how they are read and printed
        levels = Collections.unmodifiableMap(new EnumMap<>(levels));
    }
}
