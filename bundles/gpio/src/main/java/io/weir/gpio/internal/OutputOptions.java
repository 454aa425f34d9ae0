package io.weir.gpio.internal;

import io.weir.api.AlarmLevel;

/** A GPIO output's settings, checked once. */
record OutputOptions(String name, int pin, boolean activeLow, AlarmLevel trigger, boolean releaseOnClear) {

    OutputOptions {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("GPIO output on pin " + pin + ": name is missing");
        }
        if (pin < 0 || pin > 53) {
            throw new IllegalArgumentException("output " + name + ": pin must be a BCM number 0..53, was " + pin);
        }
    }

    static OutputOptions from(GpioOutputConfig config) {
        return new OutputOptions(config.name(), config.pin(), config.activeLow(),
                InputOptions.parse(AlarmLevel.class, "triggerLevel", config.name(), config.triggerLevel()),
                config.releaseOnClear());
    }
}
