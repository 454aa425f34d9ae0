package io.weir.cloud.internal.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads a telemetry batch and holds every reading to the quality rules of the protocol. */
final class TelemetryReader {
    static final Pattern CHANNEL = Pattern.compile("[^/]+/[^/]+/[^/]+");
    static final int MAX_DECIMALS = 15;

    private TelemetryReader() {
    }

    static TelemetryMessage read(JsonFields root, String gatewayId) throws PayloadException {
        long seq = root.requiredLong("seq", 0);
        var sentAt = root.requiredInstant("sentAt");
        List<Reading> readings = new ArrayList<>();
        for (JsonFields reading : root.objects("readings", 1)) {
            readings.add(reading(reading));
        }
        return new TelemetryMessage(gatewayId, seq, sentAt, List.copyOf(readings));
    }

    private static Reading reading(JsonFields r) throws PayloadException {
        String channel = channel(r);
        var ts = r.requiredInstant("ts");
        Quality quality = r.requiredEnum("quality", Quality.class);
        QualityReason reason = r.optionalEnum("reason", QualityReason.class);
        Object value = r.optionalScalar("value");
        if (quality == Quality.BAD && value != null) {
            throw new PayloadException(r.path("value"), "must be absent when quality is BAD");
        }
        if (quality != Quality.BAD && value == null) {
            throw new PayloadException(r.path("value"), "is missing; only a BAD reading has no value");
        }
        if (quality != Quality.GOOD && reason == null) {
            throw new PayloadException(r.path("reason"), "is missing; it is required when quality is " + quality);
        }
        return new Reading(channel, ts, value, r.optionalText("unit", 32), quality, reason, decimals(r));
    }

    /** The decimals the gateway gave, or 0 for a value it sent as an integer (a count reads 87, not 87.0). */
    private static Integer decimals(JsonFields r) throws PayloadException {
        if (r.has("decimals")) {
            int decimals = r.requiredInt("decimals", 0);
            if (decimals > MAX_DECIMALS) {
                throw new PayloadException(r.path("decimals"), decimals + " is above the maximum " + MAX_DECIMALS);
            }
            return decimals;
        }
        var value = r.raw("value");
        return value != null && value.isIntegralNumber() ? 0 : null;
    }

    private static String channel(JsonFields r) throws PayloadException {
        r.requiredText("channel", 255);
        return r.requiredText("channel", CHANNEL);
    }
}
