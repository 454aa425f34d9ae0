package io.weir.rules.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * One threshold rule, as the site bundle writes it (factory PID {@value ThresholdRuleComponent#PID}); see
 * docs/configuration.md. The defaults here are the only ones. An unused level is left out of the configuration
 * and reads as NaN here: ConfigAdmin cannot hold a null, and NaN is never a usable threshold.
 */
@ObjectClassDefinition(name = "Weir threshold rule",
        description = "Raises an alarm when a channel's value reaches warning levels; hysteresis keeps noise at a"
                + " threshold from flapping")
public @interface ThresholdRuleConfig {

    @AttributeDefinition(name = "Rule id", description = "Unique among the site's rules; part of every alarm id")
    String ruleId();

    @AttributeDefinition(name = "Channel", description = "The channel watched: station/device/point")
    String channel();

    @AttributeDefinition(name = "Direction", description = "Alarm above or below the thresholds", options = {
            @Option(label = "Above", value = "ABOVE"), @Option(label = "Below", value = "BELOW")})
    String direction();

    @AttributeDefinition(name = "Blue", description = "Threshold of the blue level; NaN or absent when unused",
            required = false)
    double blue() default Double.NaN;

    @AttributeDefinition(name = "Yellow", description = "Threshold of the yellow level; NaN or absent when unused",
            required = false)
    double yellow() default Double.NaN;

    @AttributeDefinition(name = "Orange", description = "Threshold of the orange level; NaN or absent when unused",
            required = false)
    double orange() default Double.NaN;

    @AttributeDefinition(name = "Red", description = "Threshold of the red level; NaN or absent when unused",
            required = false)
    double red() default Double.NaN;

    @AttributeDefinition(name = "Hysteresis", description = "How far back past a threshold the value must come"
            + " before its level is left", min = "0")
    double hysteresis() default 0.0;

    @AttributeDefinition(name = "Raise after", description = "Seconds a higher level must hold before the alarm"
            + " is raised or escalated (0: at once)", min = "0", required = false)
    long raiseAfterSeconds() default 0;

    @AttributeDefinition(name = "Clear after", description = "Seconds a lower level must hold before the alarm"
            + " is de-escalated or cleared (0: at once)", min = "0", required = false)
    long clearAfterSeconds() default 0;

    @AttributeDefinition(name = "Minimum hold", description = "Seconds a level once reached is kept at least",
            min = "0", required = false)
    long minHoldSeconds() default 0;

    @AttributeDefinition(name = "Stale after", description = "Seconds without a usable reading after which an"
            + " active alarm is cleared, its event saying STALE (0: held until data comes back)", min = "0",
            required = false)
    long staleAfterSeconds() default 0;

    @AttributeDefinition(name = "Unit", description = "The channel's unit, for messages", required = false)
    String unit() default "";
}
