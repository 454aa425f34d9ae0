package io.weir.rules.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A station's characteristic levels, in the channel's unit (docs/domain.md): a river station's warning level
 * (警戒水位: patrols start) and guaranteed level (保证水位: the most the works can safely hold); a reservoir's
 * flood-season limit level (汛限水位), normal pool level (正常蓄水位), dead level (死水位), design and check flood
 * levels (设计洪水位, 校核洪水位); a pumping station's intake level (the lowest its pumps can draw from). A level the
 * station does not have is absent.
 * <p>
 * Alarm levels are written against them: a number ({@code 3.4}), a station level ({@code warning}), a percentage
 * of one ({@code 85% warning}) or an offset from one ({@code dead + 0.5}). Percentages are taken above the datum,
 * the level that reads as empty (the gauge zero), so 85 % of a warning level of 4.0 m over a datum of 0 is 3.4 m,
 * and of a reservoir's 102.5 m over a bed at 80.0 m is 99.125 m.
 */
record StationLevels(double datum, Map<Level, Double> levels) {

    /** The levels a station may have, as configurations name them. */
    enum Level {
        WARNING("warning"), GUARANTEED("guaranteed"), FLOOD_LIMIT("floodLimit"), NORMAL_POOL("normalPool"),
        DEAD("dead"), DESIGN_FLOOD("designFlood"), CHECK_FLOOD("checkFlood"), PUMP_INTAKE("pumpIntake");

        final String label;

        Level(String label) {
            this.label = label;
        }

        static Level ofLabel(String text) {
            return Arrays.stream(values()).filter(l -> l.label.equalsIgnoreCase(text)).findFirst().orElseThrow();
        }
    }

    private static final Pattern EXPRESSION = Pattern.compile(
            "(?:([0-9]+(?:\\.[0-9]+)?)\\s*%\\s*)?(warning|guaranteed|floodlimit|normalpool|dead|designflood"
                    + "|checkflood|pumpintake)\\s*(?:([+-])\\s*([0-9]+(?:\\.[0-9]+)?))?");

    StationLevels {
        var copy = new EnumMap<Level, Double>(Level.class);
        levels.forEach((level, value) -> {
            if (value != null && !Double.isNaN(value)) {
                copy.put(level, value);
            }
        });
        levels = Collections.unmodifiableMap(copy);
    }

    /** The same station with one level replaced (a flood-limit level of another season); NaN removes it. */
    StationLevels with(Level level, double value) {
        var copy = new EnumMap<Level, Double>(Level.class);
        copy.putAll(levels);
        copy.put(level, value);
        return new StationLevels(datum, copy);
    }

    /** True if the expression names a station level (and so depends on which ones the station has). */
    static boolean names(String expression, Level level) {
        Matcher m = EXPRESSION.matcher(expression.strip().toLowerCase(Locale.ROOT));
        return m.matches() && Level.ofLabel(m.group(2)) == level;
    }

    /**
     * A level as configured: a number, a station level, a percentage of one or an offset from one.
     *
     * @throws IllegalArgumentException when it is none of these, or names a level the station does not have
     */
    double resolve(String expression) {
        String text = expression.strip();
        Matcher m = EXPRESSION.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + expression + "' is not a number, a station level ("
                        + String.join(", ", Arrays.stream(Level.values()).map(l -> l.label).toList())
                        + "), a percentage of one (85% warning) or an offset from one (dead + 0.5)", e);
            }
        }
        Level named = Level.ofLabel(m.group(2));
        Double level = levels.get(named);
        if (level == null) {
            throw new IllegalArgumentException("'" + expression + "' names the " + named.label
                    + " level, which this station does not have");
        }
        double value = m.group(1) == null ? level : datum + Double.parseDouble(m.group(1)) / 100 * (level - datum);
        if (m.group(3) != null) {
            double offset = Double.parseDouble(m.group(4));
            value += m.group(3).equals("+") ? offset : -offset;
        }
        return value;
    }
}
