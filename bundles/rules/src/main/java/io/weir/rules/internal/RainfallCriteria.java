package io.weir.rules.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.weir.api.AlarmLevel;

/**
 * When rainfall reaches which warning level: a list of (level, window, mm). A level is reached when any of its
 * windows reaches its amount; the alarm is at the highest level reached.
 */
record RainfallCriteria(List<Criterion> criteria) {

    record Criterion(AlarmLevel level, RainWindow window, double mm) {
        Criterion {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(window, "window");
            if (!level.isWarning() || !(mm > 0) || !Double.isFinite(mm)) {
                throw new IllegalArgumentException("a rainfall criterion needs a warning level and a positive"
                        + " amount, was " + level + " " + window.label() + " " + mm);
            }
        }

        /**
         * {@code yellow:6h:50}, the form configurations carry. A mountain-flood table's two warning indicators may
         * be named as such: {@code prepare} (准备转移, prepare to evacuate) is ORANGE and {@code evacuate} (立即转移,
         * evacuate now) is RED.
         */
        static Criterion parse(String text) {
            String[] parts = text.split(":", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("'" + text + "' is not level:window:mm, e.g. yellow:6h:50");
            }
            AlarmLevel level = levelOf(parts[0]);
            try {
                return new Criterion(level, RainWindow.ofLabel(parts[1]), Double.parseDouble(parts[2].strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + parts[2] + "' is not an amount in mm", e);
            }
        }

        private static AlarmLevel levelOf(String text) {
            String name = text.strip().toLowerCase(Locale.ROOT);
            switch (name) {
                case "prepare":
                    return AlarmLevel.ORANGE;
                case "evacuate":
                    return AlarmLevel.RED;
                default:
                    try {
                        AlarmLevel level = AlarmLevel.valueOf(name.toUpperCase(Locale.ROOT));
                        if (level.isWarning()) {
                            return level;
                        }
                    } catch (IllegalArgumentException e) {
                        // named below
                    }
                    throw new IllegalArgumentException("'" + text + "' is not blue, yellow, orange, red, prepare or"
                            + " evacuate");
            }
        }

        String format() {
            return level.name().toLowerCase(Locale.ROOT) + ":" + window.label() + ":" + YamlNumbers.plain(mm);
        }
    }

    /**
     * Observed rain against the thresholds of the China Meteorological Administration's rainstorm warning signal
     * table (暴雨预警信号): blue 50 mm in 12 h, yellow 50 mm in 6 h, orange 50 mm in 3 h, red 100 mm in 3 h
     * (docs/domain.md). Only the weather service issues signals; this says the gauge has seen that much.
     */
    static final RainfallCriteria CMA_OBSERVED_RAIN = of(
            "blue:12h:50", "yellow:6h:50", "orange:3h:50", "red:3h:100");

    /**
     * The mountain-flood critical rainfall (山洪临界雨量) of one county's published table (docs/domain.md), its
     * orange row the prepare-to-evacuate (准备转移) indicator and its red row evacuate-now (立即转移). Every county
     * publishes its own; this is an example to start from and to override per site.
     */
    static final RainfallCriteria MOUNTAIN_FLOOD_EXAMPLE = of(
            "blue:1h:35", "blue:3h:55", "blue:6h:70", "blue:24h:100",
            "yellow:1h:45", "yellow:3h:75", "yellow:6h:95", "yellow:24h:130",
            "prepare:1h:60", "prepare:3h:100", "prepare:6h:120", "prepare:24h:160",
            "evacuate:1h:80", "evacuate:3h:120", "evacuate:6h:150", "evacuate:24h:200");

    /** The preset names configurations may use; {@code rainstorm-signal} is the old name of the CMA table. */
    static final List<String> PRESETS = List.of("cma-observed-rain", "mountain-flood-example",
            "rainstorm-signal");

    RainfallCriteria {
        var sorted = new ArrayList<>(criteria);
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("a rainfall rule needs at least one criterion");
        }
        sorted.sort(Comparator.comparing(Criterion::level).thenComparing(Criterion::window));
        criteria = List.copyOf(sorted);
    }

    static RainfallCriteria of(String... criteria) {
        return new RainfallCriteria(Arrays.stream(criteria).map(Criterion::parse).toList());
    }

    /** A preset by its configuration name (one of {@link #PRESETS}). */
    static RainfallCriteria preset(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "cma-observed-rain", "rainstorm-signal" -> CMA_OBSERVED_RAIN;
            case "mountain-flood-example" -> MOUNTAIN_FLOOD_EXAMPLE;
            default -> throw new IllegalArgumentException("'" + name + "' is not a rainfall preset"
                    + " (cma-observed-rain, mountain-flood-example)");
        };
    }


    AlarmLevel lowest() {
        return criteria.get(0).level();
    }

    /** Helpers for printing numbers plainly. */
    static final class YamlNumbers {
        private YamlNumbers() {
        }

        static String plain(double number) {
            return java.math.BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
        }
    }
}
