package io.weir.rules.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The rainfall windows a rule can watch; {@link #DAY} is the hydrological day (08:00 to 08:00), not rolling. */
enum RainWindow {
    M10("10m", Duration.ofMinutes(10)),
    H1("1h", Duration.ofHours(1)),
    H3("3h", Duration.ofHours(3)),
    H6("6h", Duration.ofHours(6)),
    H12("12h", Duration.ofHours(12)),
    H24("24h", Duration.ofHours(24)),
    DAY("day", Duration.ofDays(1));

    static final List<RainWindow> ROLLING = List.of(M10, H1, H3, H6, H12, H24);

    private final String label;
    private final Duration duration;

    RainWindow(String label, Duration duration) {
        this.label = label;
        this.duration = duration;
    }

    /** As written in configuration: 10m, 1h, 3h, 6h, 12h, 24h, day. */
    String label() {
        return label;
    }

    /** The window's length; for DAY the length of the hydrological day it resets after. */
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
