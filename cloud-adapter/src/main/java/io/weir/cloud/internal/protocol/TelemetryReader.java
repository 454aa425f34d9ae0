package io.weir.cloud.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
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
        Integer decimals = r.has("decimals") ? decimals(r) : integral(r.raw("value"));
        return reading(new Reading(channel, ts, value, r.optionalText("unit", 32), quality, reason, decimals),
                r.path("value"), r.path("reason"));
    }

    /**
     * The reading, once held to the quality rules, in either encoding; {@code valuePath} and {@code reasonPath} name
     * where its value and reason were in the message.
     */
    static Reading reading(Reading reading, String valuePath, String reasonPath) throws PayloadException {
        if (reading.quality() == Quality.BAD && reading.value() != null) {
            throw new PayloadException(valuePath, "must be absent when quality is BAD");
        }
        if (reading.quality() != Quality.BAD && reading.value() == null) {
            throw new PayloadException(valuePath, "is missing; only a BAD reading has no value");
        }
        if (reading.quality() != Quality.GOOD && reading.reason() == null) {
            throw new PayloadException(reasonPath, "is missing; it is required when quality is "
                    + reading.quality());
        }
        return reading;
    }

    /** The decimals the gateway gave. */
    static Integer decimals(JsonFields r) throws PayloadException {
        int decimals = r.requiredInt("decimals", 0);
        if (decimals > MAX_DECIMALS) {
            throw new PayloadException(r.path("decimals"), decimals + " is above the maximum " + MAX_DECIMALS);
        }
        return decimals;
    }

    /** 0 for a value sent as an integer (a count reads 87, not 87.0), else null (as measured). */
    static Integer integral(JsonNode value) {
        return value != null && value.isIntegralNumber() ? 0 : null;
    }

    static String channel(JsonFields r) throws PayloadException {
        r.requiredText("channel", 255);
        return r.requiredText("channel", CHANNEL);
    }
}
