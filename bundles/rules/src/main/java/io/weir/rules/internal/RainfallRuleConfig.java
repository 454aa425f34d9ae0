package io.weir.rules.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** A rainfall rule (factory PID io.weir.rules.rainfall). */
@ObjectClassDefinition(name = "Weir rainfall rule", description = "Rolling rainfall sums of a gauge against"
        + " warning levels: a preset table or criteria of its own")
public @interface RainfallRuleConfig {

    @AttributeDefinition(name = "Rule id")
    String ruleId();

    @AttributeDefinition(name = "Channel", description = "station/device/point of the gauge")
    String channel();

    @AttributeDefinition(name = "Source", options = {
            @Option(label = "Tip counter (RS-485), in mm", value = "COUNTER"),
            @Option(label = "Rain since the previous reading (GPIO pulses), in mm", value = "INCREMENT")})
    String source() default "COUNTER";

    @AttributeDefinition(name = "Resolution", description = "mm per count of a tip counter", required = false)
    double resolutionMm() default 0.1;

    @AttributeDefinition(name = "Counter modulus", description = "The count at which the counter wraps to 0; 0"
            + " when it never wraps", required = false)
    long counterModulus() default 65536;

    @AttributeDefinition(name = "Resets daily", description = "The gauge resets its own counter at 08:00",
            required = false)
    boolean resetsDaily() default false;

    @AttributeDefinition(name = "Most believable rain", description = "mm per hour; more is a gauge fault",
            required = false)
    double maxRateMmPerHour() default 300.0;

    @AttributeDefinition(name = "Preset", description = "rainstorm-signal or mountain-flood-example; empty when"
            + " criteria are given", required = false)
    String preset() default "";

    @AttributeDefinition(name = "Criteria", description = "level:window:mm, e.g. yellow:6h:50; windows 10m, 1h,"
            + " 3h, 6h, 12h, 24h, day", required = false)
    String[] criteria() default {};

    @AttributeDefinition(name = "Hysteresis (mm)", min = "0", required = false)
    double hysteresisMm() default 0.0;

    @AttributeDefinition(name = "Raise after (s)", min = "0", required = false)
    long raiseAfterSeconds() default 0;

    @AttributeDefinition(name = "Clear after (s)", min = "0", required = false)
    long clearAfterSeconds() default 0;

    @AttributeDefinition(name = "Time zone", description = "For the hydrological day's 08:00 start",
            required = false)
    String zone() default "Asia/Shanghai";
}
