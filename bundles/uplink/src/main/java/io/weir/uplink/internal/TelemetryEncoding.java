package io.weir.uplink.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How telemetry goes on the wire (docs/protocol.md, "telemetry"): alarms, events and state are always JSON. */
enum TelemetryEncoding {
    /** Version 1: one JSON object per reading, as the store keeps them. */
    JSON,
    /** Version 2: readings grouped per channel, names written once, gzip-compressed. */
    COMPACT;

    /** The encoding as the configuration names it ({@code json}, {@code compact}). */
    static TelemetryEncoding of(String name) {
        for (TelemetryEncoding encoding : values()) {
            if (encoding.configName().equals(name.trim())) {
                return encoding;
            }
        }
        throw new IllegalArgumentException("uplink telemetryEncoding '" + name + "' is not one of "
                + Arrays.stream(values()).map(TelemetryEncoding::configName).collect(Collectors.joining(", ")));
    }

    String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
