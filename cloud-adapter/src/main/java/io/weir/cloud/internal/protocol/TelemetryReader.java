package io.weir.cloud.internal.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads a telemetry batch and holds every reading to the quality rules of the protocol. */
final class TelemetryReader {
    static final Pattern CHANNEL = Pattern.compile("[^/]+/[^/]+/[^/]+");

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
        return new Reading(channel, ts, value, r.optionalText("unit", 32), quality, reason);
    }

    private static String channel(JsonFields r) throws PayloadException {
        r.requiredText("channel", 255);
        return r.requiredText("channel", CHANNEL);
    }
}
