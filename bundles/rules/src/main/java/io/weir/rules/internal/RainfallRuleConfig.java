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
            @Option(label = "Rain since the previous reading (GPIO pulses), in mm", value = "INCREMENT"),
            @Option(label = "Rain of an observation interval ending at the reading (an RTU's series), in mm",
                    value = "INTERVAL")})
    String source() default "COUNTER";

    @AttributeDefinition(name = "Interval (s)", description = "INTERVAL only: the observation interval each reading"
            + " covers, e.g. 300 for an SL 651 five-minute series", min = "60", required = false)
    long intervalSeconds() default 300;

    @AttributeDefinition(name = "Resolution", description = "mm per count of a tip counter", required = false)
    double resolutionMm() default 0.1;

    @AttributeDefinition(name = "Counter modulus", description = "The count at which the counter wraps to 0; 0"
            + " when it never wraps", required = false)
    long counterModulus() default 65536;

    @AttributeDefinition(name = "Resets daily", description = "The gauge resets its own counter at 08:00",
            required = false)
    boolean resetsDaily() default false;

    @AttributeDefinition(name = "Most believable rain", description = "mm in one hour; other durations scale like"
            + " the world records (duration^0.475); more is clamped to it and flagged doubtful", required = false)
    double maxRateMmPerHour() default 300.0;

    @AttributeDefinition(name = "Preset", description = "cma-observed-rain (formerly rainstorm-signal) or"
            + " mountain-flood-example; empty when criteria are given", required = false)
    String preset() default "";

    @AttributeDefinition(name = "Criteria", description = "level:window:mm, e.g. yellow:6h:50; levels blue, yellow,"
            + " orange (or prepare), red (or evacuate); windows 10m, 30m, 1h, 2h, 3h, 6h, 12h, 24h, 48h, 72h, day,"
            + " event", required = false)
    String[] criteria() default {};

    @AttributeDefinition(name = "Hysteresis (mm)", min = "0", required = false)
    double hysteresisMm() default 0.0;

    @AttributeDefinition(name = "Hysteresis (%)", description = "Of each window's own amount; the larger of this"
            + " and the hysteresis in mm counts", min = "0", max = "99", required = false)
    double hysteresisPercent() default 0.0;

    @AttributeDefinition(name = "Minimum hold (s)", description = "A level once reached is kept at least this"
            + " long", min = "0", required = false)
    long minHoldSeconds() default 0;

    @AttributeDefinition(name = "Event dry spell (s)", description = "Dry time that ends a rain event",
            min = "3600", max = "259200", required = false)
    long eventDrySeconds() default 21600;

    @AttributeDefinition(name = "Stale after (s)", description = "With no usable reading this long, the windows"
            + " follow the clock and the alarm can only fall (its events say STALE); 0: never", min = "0",
            required = false)
    long staleAfterSeconds() default 7200;

    @AttributeDefinition(name = "Publish totals", description = "Hourly, daily (08:00) and event rain as"
            + " telemetry: <channel>.rain_1h, .rain_day, .rain_event", required = false)
    boolean publish() default true;

    @AttributeDefinition(name = "Raise after (s)", min = "0", required = false)
    long raiseAfterSeconds() default 0;

    @AttributeDefinition(name = "Clear after (s)", min = "0", required = false)
    long clearAfterSeconds() default 0;

    @AttributeDefinition(name = "Time zone", description = "For the hydrological day's 08:00 start",
            required = false)
    String zone() default "Asia/Shanghai";
}
