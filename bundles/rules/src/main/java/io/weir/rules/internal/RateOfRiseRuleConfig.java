package io.weir.rules.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A rate-of-rise rule (factory PID io.weir.rules.rise). */
@ObjectClassDefinition(name = "Weir rate-of-rise rule", description = "Alarms when a level rises by more than"
        + " given amounts within a window")
public @interface RateOfRiseRuleConfig {

    @AttributeDefinition(name = "Rule id")
    String ruleId();

    @AttributeDefinition(name = "Channel")
    String channel();

    @AttributeDefinition(name = "Window (s)", description = "600 to 172800", min = "600", max = "172800")
    long windowSeconds() default 3600;

    @AttributeDefinition(name = "Blue", description = "Rise within the window; NaN when unused", required = false)
    double blue() default Double.NaN;

    @AttributeDefinition(name = "Yellow", required = false)
    double yellow() default Double.NaN;

    @AttributeDefinition(name = "Orange", required = false)
    double orange() default Double.NaN;

    @AttributeDefinition(name = "Red", required = false)
    double red() default Double.NaN;

    @AttributeDefinition(name = "Hysteresis", min = "0", required = false)
    double hysteresis() default 0.0;

    @AttributeDefinition(name = "Raise after (s)", min = "0", required = false)
    long raiseAfterSeconds() default 0;

    @AttributeDefinition(name = "Clear after (s)", min = "0", required = false)
    long clearAfterSeconds() default 0;

    @AttributeDefinition(name = "Unit", required = false)
    String unit() default "";
}
