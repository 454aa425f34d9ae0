package io.weir.cloud.query;

import java.time.Instant;

/** A stored reading; {@code value} is a Double, Boolean or String, null for a BAD reading. */
public record StoredReading(String gatewayId, long seq, int index, String channel, Instant ts, Object value,
                            String unit, String quality, String reason) {
}
