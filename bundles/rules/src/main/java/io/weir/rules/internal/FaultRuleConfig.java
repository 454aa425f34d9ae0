package io.weir.rules.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Device-fault checks of one channel (factory PID io.weir.rules.fault). A check is off at 0 or NaN. */
@ObjectClassDefinition(name = "Weir device-fault rule", description = "Flags a channel and raises a FAULT alarm on"
        + " missing data, an impossible value, a spike or a stuck value")
public @interface FaultRuleConfig {

    @AttributeDefinition(name = "Rule id")
    String ruleId();

    @AttributeDefinition(name = "Channel")
    String channel();

    @AttributeDefinition(name = "No data after (s)", min = "0", required = false)
    long noDataAfterSeconds() default 0;

    @AttributeDefinition(name = "Physical minimum", required = false)
    double min() default Double.NaN;

    @AttributeDefinition(name = "Physical maximum", required = false)
    double max() default Double.NaN;

    @AttributeDefinition(name = "Fastest physical change", description = "The most the channel can change in one"
            + " hour, in its unit; a faster change from the last believed value is a jump (a fault) until the value"
            + " comes back or a technician confirms it", required = false)
    double maxRatePerHour() default Double.NaN;

    @AttributeDefinition(name = "Noise", description = "How far two readings may differ with no time between them",
            min = "0", required = false)
    double noise() default 0.0;

    @AttributeDefinition(name = "Stuck after (s)", min = "0", required = false)
    long stuckAfterSeconds() default 0;

    @AttributeDefinition(name = "Stuck tolerance", min = "0", required = false)
    double stuckTolerance() default 0.0;

    @AttributeDefinition(name = "Clear after (s)", min = "0", required = false)
    long clearAfterSeconds() default 0;
}
