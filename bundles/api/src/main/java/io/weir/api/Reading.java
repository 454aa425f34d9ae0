package io.weir.api;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One sample of one channel.
 *
 * @param channel   {@code site/device/channel}
 * @param timestamp when the value was taken
 * @param value     a {@link Double}, {@link Long}, {@link Boolean} or {@link String}; {@code null} only when the
 *                  quality is {@link Quality#BAD}
 * @param unit      engineering unit, may be empty
 * @param quality   how far the value can be trusted
 * @param reason    why the quality is not GOOD; {@code null} when it is
 */
public record Reading(String channel, Instant timestamp, Object value, String unit, Quality quality,
                      QualityReason reason) {

    public Reading {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(quality, "quality");
        unit = unit == null ? "" : unit;
        if (value == null && quality != Quality.BAD) {
            throw new IllegalArgumentException("reading of " + channel + " has no value but quality " + quality);
        }
        if (value != null && !(value instanceof Double || value instanceof Long || value instanceof Boolean
                || value instanceof String)) {
            throw new IllegalArgumentException("reading of " + channel + " has a value of unsupported type "
                    + value.getClass().getName());
        }
        if (quality == Quality.GOOD && reason != null) {
            throw new IllegalArgumentException("a GOOD reading of " + channel + " cannot carry reason " + reason);
        }
        if (quality != Quality.GOOD && reason == null) {
            throw new IllegalArgumentException("a " + quality + " reading of " + channel + " needs a reason");
        }
    }

    public static Reading good(String channel, Instant timestamp, double value, String unit) {
        return new Reading(channel, timestamp, value, unit, Quality.GOOD, null);
    }

    public static Reading bad(String channel, Instant timestamp, String unit, QualityReason reason) {
        return new Reading(channel, timestamp, null, unit, Quality.BAD, reason);
    }

    /** The value as a number, when it is one. */
    public OptionalDouble numeric() {
        if (value instanceof Double d) {
            return OptionalDouble.of(d);
        }
        if (value instanceof Long l) {
            return OptionalDouble.of(l);
        }
        return OptionalDouble.empty();
    }
}
