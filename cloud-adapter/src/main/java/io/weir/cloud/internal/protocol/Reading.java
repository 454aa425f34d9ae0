package io.weir.cloud.internal.protocol;

import java.time.Instant;

/**
 * One reading; {@code value} is a Double, Boolean or String, null when quality is BAD. {@code decimals} is how many
 * decimals people read it with: as the gateway said ({@code "decimals"}), 0 for a value sent as an integer, else
 * null (as measured).
 */
public record Reading(String channel, Instant ts, Object value, String unit, Quality quality, QualityReason reason,
                      Integer decimals) {

    public Reading(String channel, Instant ts, Object value, String unit, Quality quality, QualityReason reason) {
        this(channel, ts, value, unit, quality, reason, null);
    }
}
