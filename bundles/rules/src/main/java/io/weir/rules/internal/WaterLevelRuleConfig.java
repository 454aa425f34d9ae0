package io.weir.rules.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

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

    @AttributeDefinition(name = "Flood-limit level", description = "汛限水位; NaN when none (or given by season)",
            required = false)
    double floodLimitLevel() default Double.NaN;

    @AttributeDefinition(name = "Flood-limit level by season", description = "MM-dd/MM-dd:level, both days"
            + " included, e.g. 06-01/08-31:101.5 for the main flood season; outside them the normal pool level"
            + " (or floodLimitLevel) holds", required = false)
    String[] floodLimitSchedule() default {};

    @AttributeDefinition(name = "Normal pool level", description = "正常蓄水位; NaN when none", required = false)
    double normalPoolLevel() default Double.NaN;

    @AttributeDefinition(name = "Dead level", description = "死水位; NaN when none", required = false)
    double deadLevel() default Double.NaN;

    @AttributeDefinition(name = "Design flood level", description = "设计洪水位; NaN when none", required = false)
    double designFloodLevel() default Double.NaN;

    @AttributeDefinition(name = "Check flood level", description = "校核洪水位; NaN when none", required = false)
    double checkFloodLevel() default Double.NaN;

    @AttributeDefinition(name = "Pump intake level", description = "The lowest level the pumps can draw from; NaN"
            + " when none", required = false)
    double pumpIntakeLevel() default Double.NaN;

    @AttributeDefinition(name = "Direction", description = "ABOVE for high water, BELOW for low-level alarms"
            + " (dead storage, pump intake)", options = {@Option(label = "Above", value = "ABOVE"),
            @Option(label = "Below", value = "BELOW")}, required = false)
    String direction() default "ABOVE";

    @AttributeDefinition(name = "Time zone", description = "For the seasons' dates", required = false)
    String zone() default "Asia/Shanghai";

    @AttributeDefinition(name = "Blue", description = "A number, a station level, a percentage of one ('85%"
            + " warning') or an offset from one ('dead + 0.5'); empty when unused", required = false)
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

    @AttributeDefinition(name = "Minimum hold (s)", min = "0", required = false)
    long minHoldSeconds() default 0;

    @AttributeDefinition(name = "Stale after (s)", description = "Seconds without a usable reading after which an"
            + " active alarm is cleared, saying STALE (0: held)", min = "0", required = false)
    long staleAfterSeconds() default 0;

    @AttributeDefinition(name = "Unit", required = false)
    String unit() default "";
}
