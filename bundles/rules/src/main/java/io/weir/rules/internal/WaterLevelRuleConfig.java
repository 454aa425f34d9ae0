package io.weir.rules.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A water-level rule against a station's characteristic levels (factory PID io.weir.rules.waterlevel). */
@ObjectClassDefinition(name = "Weir water-level rule", description = "Alarms a river or reservoir level against"
        + " the station's warning, guaranteed or flood-limit level and fractions of them")
public @interface WaterLevelRuleConfig {

    @AttributeDefinition(name = "Rule id")
    String ruleId();

    @AttributeDefinition(name = "Channel", description = "station/device/point")
    String channel();

    @AttributeDefinition(name = "Datum", description = "The level that reads as empty; fractions are taken above"
            + " it", required = false)
    double datum() default 0.0;

    @AttributeDefinition(name = "Warning level", description = "警戒水位; NaN when none", required = false)
    double warningLevel() default Double.NaN;

    @AttributeDefinition(name = "Guaranteed level", description = "保证水位; NaN when none", required = false)
    double guaranteedLevel() default Double.NaN;

    @AttributeDefinition(name = "Flood-limit level", description = "汛限水位; NaN when none", required = false)
    double floodLimitLevel() default Double.NaN;

    @AttributeDefinition(name = "Blue", description = "A number, a station level or a percentage of one, e.g."
            + " '85% warning'; empty when unused", required = false)
    String blue() default "";

    @AttributeDefinition(name = "Yellow", required = false)
    String yellow() default "";

    @AttributeDefinition(name = "Orange", required = false)
    String orange() default "";

    @AttributeDefinition(name = "Red", required = false)
    String red() default "";

    @AttributeDefinition(name = "Hysteresis", min = "0", required = false)
    double hysteresis() default 0.0;

    @AttributeDefinition(name = "Raise after (s)", min = "0", required = false)
    long raiseAfterSeconds() default 0;

    @AttributeDefinition(name = "Clear after (s)", min = "0", required = false)
    long clearAfterSeconds() default 0;

    @AttributeDefinition(name = "Unit", required = false)
    String unit() default "";
}
