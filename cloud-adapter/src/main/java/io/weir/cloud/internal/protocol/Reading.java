package io.weir.cloud.internal.protocol;

import java.time.Instant;

/** One reading; {@code value} is a Double, Boolean or String, null when quality is BAD. */
public record Reading(String channel, Instant ts, Object value, String unit, Quality quality, QualityReason reason) {
}
