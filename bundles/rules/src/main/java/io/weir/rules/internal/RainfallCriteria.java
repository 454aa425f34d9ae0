package io.weir.rules.internal;

import java.util.ArrayList;
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

        /** {@code YELLOW:6h:50}, the form configurations carry. */
        static Criterion parse(String text) {
            String[] parts = text.split(":", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("'" + text + "' is not level:window:mm, e.g. yellow:6h:50");
            }
            AlarmLevel level;
            try {
                level = AlarmLevel.valueOf(parts[0].strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + parts[0] + "' is not blue, yellow, orange or red", e);
            }
            try {
                return new Criterion(level, RainWindow.ofLabel(parts[1]), Double.parseDouble(parts[2].strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + parts[2] + "' is not an amount in mm", e);
            }
        }

        String format() {
            return level.name().toLowerCase(Locale.ROOT) + ":" + window.label() + ":" + YamlNumbers.plain(mm);
        }
    }

    /**
     * The rainstorm warning signals (气象灾害预警信号): blue 50 mm in 12 h, yellow 50 mm in 6 h, orange 50 mm in 3 h,
     * red 100 mm in 3 h, each reached or expected with the rain going on.
     */
    static final RainfallCriteria RAINSTORM_SIGNAL = of(
            "blue:12h:50", "yellow:6h:50", "orange:3h:50", "red:3h:100");

    /**
     * The mountain-flood critical rainfall (山洪临界雨量) as one county published it. Every county publishes its
     * own; this preset is that table, to start from and to override per site.
     */
    static final RainfallCriteria MOUNTAIN_FLOOD_EXAMPLE = of(
            "blue:1h:35", "blue:3h:55", "blue:6h:70", "blue:24h:100",
            "yellow:1h:45", "yellow:3h:75", "yellow:6h:95", "yellow:24h:130",
            "orange:1h:60", "orange:3h:100", "orange:6h:120", "orange:24h:160",
            "red:1h:80", "red:3h:120", "red:6h:150", "red:24h:200");

    RainfallCriteria {
        var sorted = new ArrayList<>(criteria);
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("a rainfall rule needs at least one criterion");
        }
        sorted.sort(Comparator.comparing(Criterion::level).thenComparing(Criterion::window));
        criteria = List.copyOf(sorted);
    }

    static RainfallCriteria of(String... criteria) {
        return new RainfallCriteria(java.util.Arrays.stream(criteria).map(Criterion::parse).toList());
    }

    /** A preset by its configuration name: {@code rainstorm-signal} or {@code mountain-flood-example}. */
    static RainfallCriteria preset(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "rainstorm-signal" -> RAINSTORM_SIGNAL;
            case "mountain-flood-example" -> MOUNTAIN_FLOOD_EXAMPLE;
            default -> throw new IllegalArgumentException("'" + name + "' is not a rainfall preset"
                    + " (rainstorm-signal, mountain-flood-example)");
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
