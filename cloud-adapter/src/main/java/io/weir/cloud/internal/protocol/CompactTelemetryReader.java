package io.weir.cloud.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a telemetry batch in the compact encoding (version 2, docs/protocol.md): series of one channel each, every
 * row {@code [offset-ms, value, quality-code]} plus the reason when not GOOD, into the same readings as version 1.
 */
final class CompactTelemetryReader {
    private static final Quality[] QUALITY_CODES = {Quality.GOOD, Quality.UNCERTAIN, Quality.BAD};
    private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000);

    private CompactTelemetryReader() {
    }

    static TelemetryMessage read(JsonFields root, String gatewayId) throws PayloadException {
        long seq = root.requiredLong("seq", 0);
        Instant sentAt = root.requiredInstant("sentAt");
        Instant t0 = root.requiredInstant("t0");
        List<Reading> readings = new ArrayList<>();
        for (JsonFields series : root.objects("series", 1)) {
            String channel = TelemetryReader.channel(series);
            String unit = series.optionalText("unit", 32);
            Integer decimals = series.has("decimals") ? TelemetryReader.decimals(series) : null;
            JsonNode rows = series.raw("rows");
            if (rows == null || !rows.isArray() || rows.isEmpty()) {
                throw new PayloadException(series.path("rows"), "expected at least one row, found "
                        + JsonFields.describe(rows));
            }
            for (int i = 0; i < rows.size(); i++) {
                readings.add(row(rows.get(i), series.path("rows") + "[" + i + "]", t0, channel, unit, decimals));
            }
        }
        return new TelemetryMessage(gatewayId, seq, sentAt, List.copyOf(readings));
    }

    private static Reading row(JsonNode row, String path, Instant t0, String channel, String unit,
                               Integer decimals) throws PayloadException {
        if (!row.isArray() || row.size() < 3 || row.size() > 4) {
            throw new PayloadException(path, "expected [offset-ms, value, quality-code] or with a reason, found "
                    + JsonFields.describe(row));
        }
        Instant ts = t0.plusNanos(offsetNanos(row.get(0), path + "[0]"));
        JsonNode quality = row.get(2);
        if (!quality.isIntegralNumber() || quality.asInt() < 0 || quality.asInt() >= QUALITY_CODES.length) {
            throw new PayloadException(path + "[2]", "expected a quality code 0 (GOOD), 1 (UNCERTAIN) or 2 (BAD),"
                    + " found " + JsonFields.describe(quality));
        }
        QualityReason reason = null;
        if (row.size() == 4) {
            if (!row.get(3).isTextual()) {
                throw new PayloadException(path + "[3]", "expected a reason, found " + JsonFields.describe(row.get(3)));
            }
            reason = JsonFields.enumValue(path + "[3]", row.get(3).asText(), QualityReason.class);
        }
        JsonNode value = row.get(1);
        Object scalar = value.isNull() ? null : JsonFields.scalar(value, path + "[1]");
        Integer shownWith = decimals != null ? decimals : TelemetryReader.integral(value);
        return TelemetryReader.reading(new Reading(channel, ts, scalar, unit, QUALITY_CODES[quality.asInt()], reason,
                shownWith), path + "[1]", path + "[3]");
    }

    /** The offset in whole nanoseconds: milliseconds with up to six decimals, never negative. */
    private static long offsetNanos(JsonNode offset, String path) throws PayloadException {
        if (!offset.isNumber() || offset.decimalValue().signum() < 0) {
            throw new PayloadException(path, "expected milliseconds after t0, found " + JsonFields.describe(offset));
        }
        try {
            return offset.decimalValue().multiply(NANOS_PER_MILLI).longValueExact();
        } catch (ArithmeticException e) {
            throw new PayloadException(path, offset + " ms is not a whole number of nanoseconds after t0");
        }
    }
}
