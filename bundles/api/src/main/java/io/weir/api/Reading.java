package io.weir.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
 * @param decimals  how many decimals people read the value with (the point's {@code decimals} in its profile), or
 *                  {@code null} for as measured; applies to what is published and shown, never to what rules
 *                  evaluate (they use {@link #value()}); since 1.4
 */
public record Reading(String channel, Instant timestamp, Object value, String unit, Quality quality,
                      QualityReason reason, Integer decimals) {

    /** The most decimals a reading is shown with: more than a double holds. */
    public static final int MAX_DECIMALS = 15;

    /** A reading shown as measured. */
    public Reading(String channel, Instant timestamp, Object value, String unit, Quality quality,
                   QualityReason reason) {
        this(channel, timestamp, value, unit, quality, reason, null);
    }

    public Reading {
        if (decimals != null && (decimals < 0 || decimals > MAX_DECIMALS)) {
            throw new IllegalArgumentException("reading of " + channel + ": decimals " + decimals + " is outside 0.."
                    + MAX_DECIMALS);
        }
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

    /**
     * The value as published and shown: a finite {@link Double} rounded half-up to {@link #decimals()} as a
     * {@link BigDecimal} with exactly that many decimals ({@code 229.80}), any other value as it is. Rounding goes
     * through the double's shortest decimal form, so {@code 229.8000030517578} with 1 decimal is {@code 229.8}.
     */
    public Object rounded() {
        if (decimals != null && value instanceof Double d && Double.isFinite(d)) {
            return BigDecimal.valueOf(d).setScale(decimals, RoundingMode.HALF_UP);
        }
        return value;
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
