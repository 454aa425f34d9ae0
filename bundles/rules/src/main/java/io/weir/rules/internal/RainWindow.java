package io.weir.rules.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The rainfall windows a rule can watch. The rolling ones end at the newest reading; {@link #DAY} is the
 * hydrological day so far (08:00 to 08:00, SL 21) and {@link #EVENT} the rain of the current event (过程雨量: from
 * the first rain until a set number of dry hours).
 */
enum RainWindow {
    M10("10m", Duration.ofMinutes(10)),
    M30("30m", Duration.ofMinutes(30)),
    H1("1h", Duration.ofHours(1)),
    H2("2h", Duration.ofHours(2)),
    H3("3h", Duration.ofHours(3)),
    H6("6h", Duration.ofHours(6)),
    H12("12h", Duration.ofHours(12)),
    H24("24h", Duration.ofHours(24)),
    H48("48h", Duration.ofHours(48)),
    H72("72h", Duration.ofHours(72)),
    DAY("day", Duration.ofDays(1)),
    EVENT("event", null);

    /** Summed on the ring of one-minute buckets (three hours long). */
    static final List<RainWindow> FINE = List.of(M10, M30, H1, H2, H3);
    /** Summed on the ring of five-minute buckets (72 hours long). */
    static final List<RainWindow> COARSE = List.of(H6, H12, H24, H48, H72);

    private final String label;
    private final Duration duration;

    RainWindow(String label, Duration duration) {
        this.label = label;
        this.duration = duration;
    }

    /** As written in configuration: 10m, 30m, 1h, 2h, 3h, 6h, 12h, 24h, 48h, 72h, day, event. */
    String label() {
        return label;
    }

    /** The window's length; for DAY the hydrological day's; {@code null} for EVENT, which has none. */
    Duration duration() {
        return duration;
    }

    static RainWindow ofLabel(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(w -> w.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a rainfall window ("
                        + String.join(", ", Arrays.stream(values()).map(RainWindow::label).toList()) + ")"));
    }
}
