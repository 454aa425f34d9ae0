package io.weir.rules.internal;

import java.util.EnumMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import io.weir.api.AlarmLevel;

/** One configured water-level rule: a threshold rule whose thresholds come from the station's levels. */
@Component(service = {}, configurationPid = WaterLevelRuleComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WaterLevelRuleConfig.class, factory = true)
public final class WaterLevelRuleComponent {

    static final String PID = "io.weir.rules.waterlevel";

    private final RuleEngine engine;
    private final ThresholdRule rule;

    @Activate
    public WaterLevelRuleComponent(WaterLevelRuleConfig config,
                                   @Reference(name = "engine") RuleEngineComponent engine) {
        this(config, engine.engine());
    }

    WaterLevelRuleComponent(WaterLevelRuleConfig config, RuleEngine engine) {
        this.engine = engine;
        this.rule = new ThresholdRule("waterlevel", spec(config), engine.occurrences());
        engine.register(rule);
    }

    static ThresholdRuleSpec spec(WaterLevelRuleConfig config) {
        var station = new StationLevels(config.datum(), config.warningLevel(), config.guaranteedLevel(),
                config.floodLimitLevel());
        Map<AlarmLevel, Double> thresholds = new EnumMap<>(AlarmLevel.class);
        put(thresholds, AlarmLevel.BLUE, config.blue(), station, config.ruleId());
        put(thresholds, AlarmLevel.YELLOW, config.yellow(), station, config.ruleId());
        put(thresholds, AlarmLevel.ORANGE, config.orange(), station, config.ruleId());
        put(thresholds, AlarmLevel.RED, config.red(), station, config.ruleId());
        return new ThresholdRuleSpec(config.ruleId(), config.channel(), Direction.ABOVE, thresholds,
                config.hysteresis(), config.unit(), ThresholdRuleSpec.debounce(config.ruleId(),
                config.raiseAfterSeconds(), config.clearAfterSeconds()));
    }

    private static void put(Map<AlarmLevel, Double> thresholds, AlarmLevel level, String expression,
                            StationLevels station, String ruleId) {
        if (expression != null && !expression.isBlank()) {
            try {
                thresholds.put(level, station.resolve(expression));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rule " + ruleId + ": " + level + ": " + e.getMessage(), e);
            }
        }
    }

    @Deactivate
    void deactivate() {
        engine.unregister(rule);
    }
}
