package io.weir.sl651.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SL 651's time step code (时间步长码, identifier 04), in an even-period report and in a period query and its answer:
 * HEX three BCD bytes of days, hours and minutes; ASCII {@code DRD}, {@code DRH} or {@code DRN} (days, hours,
 * minutes) and two digits (our reading, docs/domain.md).
 */
final class TimeStep {

    private static final Pattern ASCII = Pattern.compile("DR([DHN])([0-9]{2})");

    private TimeStep() {
    }

    /** The step of six decimal digits DDHHmm, as the HEX code's BCD bytes read. */
    static Duration ofDigits(String ddhhmm) {
        return Duration.ofDays(Integer.parseInt(ddhhmm.substring(0, 2)))
                .plusHours(Integer.parseInt(ddhhmm.substring(2, 4)))
                .plusMinutes(Integer.parseInt(ddhhmm.substring(4, 6)));
    }

    /** The step an ASCII token gives; empty when the token is not a time step code. */
    static Optional<Duration> ofAscii(String token) {
        Matcher code = ASCII.matcher(token);
        if (!code.matches()) {
            return Optional.empty();
        }
        int n = Integer.parseInt(code.group(2));
        return Optional.of(switch (code.group(1)) {
            case "D" -> Duration.ofDays(n);
            case "H" -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
        });
    }

    /** The six digits DDHHmm of the HEX code. */
    static String digits(Duration step) {
        long minutes = step.toMinutes();
        return String.format(Locale.ROOT, "%02d%02d%02d", minutes / 1440, minutes % 1440 / 60, minutes % 60);
    }

    /** The ASCII code, in the largest unit the step is a whole number of. */
    static String ascii(Duration step) {
        long minutes = step.toMinutes();
        if (minutes % 1440 == 0) {
            return String.format(Locale.ROOT, "DRD%02d", minutes / 1440);
        }
        return minutes % 60 == 0 ? String.format(Locale.ROOT, "DRH%02d", minutes / 60)
                : String.format(Locale.ROOT, "DRN%02d", minutes);
    }
}
