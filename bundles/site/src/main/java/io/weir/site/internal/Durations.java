package io.weir.site.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as technicians write them: ISO-8601 ({@code PT5S}) or a number and a unit ({@code 500ms, 5s, 1m, 1h}). */
final class Durations {

    private static final Pattern SHORT = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException with a message fit for a technician when the text is not a duration
     */
    static Duration parse(String text) {
        Matcher shortForm = SHORT.matcher(text);
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            return switch (shortForm.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        if (text.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                Duration duration = Duration.parse(text);
                if (duration.isNegative()) {
                    throw new IllegalArgumentException("'" + text + "' is negative");
                }
                duration.toMillis(); // fails here, not later, for a duration beyond what a long of ms holds
                return duration;
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration such as PT5S", e);
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration: write e.g. 500ms, 5s, 1m, 1h or PT5S");
    }
}
