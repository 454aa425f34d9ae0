package io.weir.gpio.internal;

import java.util.function.Consumer;

/**
 * The GPIO header as this bundle needs it: a few digital inputs and outputs by BCM number. Pi4J stays behind this
 * interface, so the counting, debouncing and latching above it are plain Java.
 */
interface Pins extends AutoCloseable {

    enum Pull { UP, DOWN, OFF }

    /** A digital input; {@code high()} is the line's level, whatever it means to the device wired to it. */
    interface Input extends AutoCloseable {
        boolean high();

        @Override
        void close();
    }

    /** A digital output. */
    interface Output extends AutoCloseable {
        void high(boolean high);

        boolean high();

        @Override
        void close();
    }

    /**
     * @param onChange called with the new level on every change the provider reports, on the provider's thread;
     *                 it must return quickly
     */
    Input input(String id, int bcm, Pull pull, Consumer<Boolean> onChange);

    /** Starts at its idle level, and is driven back to it when closed or when the provider shuts down. */
    Output output(String id, int bcm, boolean idleHigh);

    @Override
    void close();
}
