package io.weir.gpio.internal;

import java.time.Duration;
import java.util.Locale;

/** A GPIO input's settings, checked once. */
record InputOptions(String channel, Kind kind, int pin, Pins.Pull pull, boolean activeLow, Duration debounce,
                    double mmPerTip, Duration reportEvery) {

    enum Kind { TIPS, STATE }

    InputOptions {
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("GPIO input on pin " + pin + ": channel is missing");
        }
        if (pin < 0 || pin > 53) {
            throw new IllegalArgumentException("channel " + channel + ": pin must be a BCM number 0..53, was " + pin);
        }
        if (debounce.isNegative() || reportEvery.isZero() || reportEvery.isNegative()) {
            throw new IllegalArgumentException("channel " + channel + ": debounce must be >= 0 and the report"
                    + " period positive");
        }
        if (kind == Kind.TIPS && (!(mmPerTip > 0) || !Double.isFinite(mmPerTip))) {
            throw new IllegalArgumentException("channel " + channel + ": mm per tip must be positive, was "
                    + mmPerTip);
        }
    }

    static InputOptions from(GpioInputConfig config) {
        return new InputOptions(config.channel() == null ? null : config.channel().strip(),
                parse(Kind.class, "kind", config.channel(), config.kind()), config.pin(),
                parse(Pins.Pull.class, "pull", config.channel(), config.pull()), config.activeLow(),
                Duration.ofMillis(config.debounceMillis()), config.mmPerTip(),
                Duration.ofSeconds(config.reportSeconds()));
    }

    static <E extends Enum<E>> E parse(Class<E> type, String field, String owner, String value) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(owner + ": " + field + " '" + value + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()), e);
        }
    }
}
