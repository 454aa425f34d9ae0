package io.weir.gpio.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** One GPIO input (factory PID io.weir.gpio.input). */
@ObjectClassDefinition(name = "Weir GPIO input", description = "A rain gauge's tip pulses, or a two-state contact"
        + " (door, mains power), published as readings of a channel")
public @interface GpioInputConfig {

    @AttributeDefinition(name = "Channel", description = "station/device/point the readings carry, e.g."
            + " 62001200/gpio/rain")
    String channel();

    @AttributeDefinition(name = "Kind", options = {
            @Option(label = "Rain-gauge tips: mm since the previous reading", value = "TIPS"),
            @Option(label = "Two-state contact: true while active", value = "STATE")})
    String kind();

    @AttributeDefinition(name = "Pin", description = "BCM GPIO number", min = "0", max = "53")
    int pin();

    @AttributeDefinition(name = "Pull resistor", options = {
            @Option(label = "Pull-up", value = "UP"), @Option(label = "Pull-down", value = "DOWN"),
            @Option(label = "None", value = "OFF")}, required = false)
    String pull() default "UP";

    @AttributeDefinition(name = "Active low", description = "The contact closes to ground: low is a tip, an open"
            + " door, mains present", required = false)
    boolean activeLow() default true;

    @AttributeDefinition(name = "Debounce (ms)", description = "TIPS: least spacing between two tips; STATE: how"
            + " long the line must be quiet before a change counts", min = "0", max = "10000", required = false)
    long debounceMillis() default 100;

    @AttributeDefinition(name = "mm per tip", description = "TIPS only: the gauge's resolution", min = "0.01",
            required = false)
    double mmPerTip() default 0.1;

    @AttributeDefinition(name = "Report every (s)", description = "A reading at least this often, even without a"
            + " change: rain windows move on and a silent input is noticed", min = "1", required = false)
    long reportSeconds() default 60;
}
