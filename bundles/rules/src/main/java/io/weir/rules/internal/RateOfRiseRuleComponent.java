package io.weir.rules.internal;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import io.weir.api.AlarmLevel;

/** One configured rate-of-rise rule, run by the engine. */
@Component(service = {}, configurationPid = RateOfRiseRuleComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RateOfRiseRuleConfig.class, factory = true)
public final class RateOfRiseRuleComponent {

    static final String PID = "io.weir.rules.rise";

    private final RuleEngine engine;
    private final RateOfRiseRule rule;

    @Activate
    public RateOfRiseRuleComponent(RateOfRiseRuleConfig config,
                                   @Reference(name = "engine") RuleEngineComponent engine) {
        this(config, engine.engine());
    }

    RateOfRiseRuleComponent(RateOfRiseRuleConfig config, RuleEngine engine) {
        this.engine = engine;
        var thresholds = new EnumMap<AlarmLevel, Double>(AlarmLevel.class);
        putIfSet(thresholds, AlarmLevel.BLUE, config.blue());
        putIfSet(thresholds, AlarmLevel.YELLOW, config.yellow());
        putIfSet(thresholds, AlarmLevel.ORANGE, config.orange());
        putIfSet(thresholds, AlarmLevel.RED, config.red());
        RateOfRiseRule.Sense sense;
        try {
            sense = RateOfRiseRule.Sense.valueOf(config.sense().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rule " + config.ruleId() + ": sense '" + config.sense()
                    + "' is not RISE or FALL", e);
        }
        this.rule = new RateOfRiseRule(new RateOfRiseRule.Spec(config.ruleId(), config.channel(), sense,
                Duration.ofSeconds(config.windowSeconds()), thresholds, config.hysteresis(), config.unit(),
                ThresholdRuleSpec.debounce(config.ruleId(), config.raiseAfterSeconds(), config.clearAfterSeconds(),
                        config.minHoldSeconds()), Duration.ofSeconds(config.staleAfterSeconds())),
                engine.occurrences());
        engine.register(rule);
    }

    private static void putIfSet(EnumMap<AlarmLevel, Double> thresholds, AlarmLevel level, double value) {
        if (!Double.isNaN(value)) {
            thresholds.put(level, value);
        }
    }

    @Deactivate
    void deactivate() {
        engine.unregister(rule);
    }
}
