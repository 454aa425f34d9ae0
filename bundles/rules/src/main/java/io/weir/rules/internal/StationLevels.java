package io.weir.rules.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A station's characteristic levels, in the channel's unit: a river station's warning level (警戒水位: patrols
 * start) and guaranteed level (保证水位: the most the works can safely hold), a reservoir's flood-season limit
 * level (汛限水位). NaN when the station has no such level. Fractions are taken above the datum, the level that
 * reads as empty (the gauge zero), so 85 % of a warning level of 4.0 m over a datum of 0 is 3.4 m, and of a
 * reservoir's 102.5 m over a bed at 80.0 m is 99.125 m.
 */
record StationLevels(double datum, double warning, double guaranteed, double floodLimit) {

    private static final Pattern EXPRESSION = Pattern.compile(
            "(?:([0-9]+(?:\\.[0-9]+)?)\\s*%\\s*)?(warning|guaranteed|floodlimit)");

    /**
     * A level as configured: a number ({@code 3.4}), a station level ({@code warning}) or a percentage of one
     * ({@code 85% warning}).
     */
    double resolve(String expression) {
        String text = expression.strip();
        Matcher m = EXPRESSION.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + expression + "' is not a number, a station level (warning,"
                        + " guaranteed, floodLimit) or a percentage of one (85% warning)", e);
            }
        }
        double level = switch (m.group(2)) {
            case "warning" -> warning;
            case "guaranteed" -> guaranteed;
            default -> floodLimit;
        };
        if (Double.isNaN(level)) {
            throw new IllegalArgumentException("'" + expression + "' names the " + m.group(2)
                    + " level, which this station does not have");
        }
        return m.group(1) == null ? level : datum + Double.parseDouble(m.group(1)) / 100 * (level - datum);
    }
}
