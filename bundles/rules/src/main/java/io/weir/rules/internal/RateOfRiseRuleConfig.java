package io.weir.rules.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** A rate-of-rise or rate-of-fall rule (factory PID io.weir.rules.rise). */
@ObjectClassDefinition(name = "Weir rate-of-rise rule", description = "Alarms when a level rises (or falls) by more"
        + " than given amounts within a window, by the least-squares slope of its readings")
public @interface RateOfRiseRuleConfig {

    @AttributeDefinition(name = "Rule id")
    String ruleId();

    @AttributeDefinition(name = "Channel")
    String channel();

    @AttributeDefinition(name = "Sense", description = "RISE, or FALL for a rapid drawdown (骤降)", options = {
            @Option(label = "Rise", value = "RISE"), @Option(label = "Fall", value = "FALL")}, required = false)
    String sense() default "RISE";

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

    @AttributeDefinition(name = "Minimum hold (s)", description = "A level once reached is kept at least this"
            + " long", min = "0", required = false)
    long minHoldSeconds() default 0;

    @AttributeDefinition(name = "Stale after (s)", description = "With no reading this long, the window follows"
            + " the clock and the alarm can only fall (its events say STALE); 0: never", min = "0",
            required = false)
    long staleAfterSeconds() default 7200;

    @AttributeDefinition(name = "Unit", required = false)
    String unit() default "";
}
