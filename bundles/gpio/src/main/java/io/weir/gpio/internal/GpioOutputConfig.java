package io.weir.gpio.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** One GPIO output (factory PID io.weir.gpio.output). */
@ObjectClassDefinition(name = "Weir GPIO output", description = "A siren, strobe or relay that alarms switch on")
public @interface GpioOutputConfig {

    @AttributeDefinition(name = "Name", description = "For the log, e.g. siren")
    String name();

    @AttributeDefinition(name = "Pin", description = "BCM GPIO number", min = "0", max = "53")
    int pin();

    @AttributeDefinition(name = "Active low", description = "The relay board switches on at low", required = false)
    boolean activeLow() default false;

    @AttributeDefinition(name = "Trigger level", description = "Alarms at or above this level switch it on; FAULT:"
            + " maintenance alarms only", options = {
            @Option(label = "Blue", value = "BLUE"), @Option(label = "Yellow", value = "YELLOW"),
            @Option(label = "Orange", value = "ORANGE"), @Option(label = "Red", value = "RED"),
            @Option(label = "Fault (maintenance)", value = "FAULT")}, required = false)
    String triggerLevel() default "RED";

    @AttributeDefinition(name = "Release on clear", description = "Off when the alarm clears, not only when it is"
            + " acknowledged", required = false)
    boolean releaseOnClear() default false;
}
