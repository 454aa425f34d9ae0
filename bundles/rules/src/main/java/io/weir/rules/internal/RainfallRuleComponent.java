package io.weir.rules.internal;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** One configured rainfall rule, run by the engine. */
@Component(service = {}, configurationPid = RainfallRuleComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RainfallRuleConfig.class, factory = true)
public final class RainfallRuleComponent {

    static final String PID = "io.weir.rules.rainfall";

    private final RuleEngine engine;
    private final RainfallRule rule;

    @Activate
    public RainfallRuleComponent(RainfallRuleConfig config, @Reference(name = "engine") RuleEngineComponent engine) {
        this(config, engine.engine());
    }

    RainfallRuleComponent(RainfallRuleConfig config, RuleEngine engine) {
        this.engine = engine;
        this.rule = new RainfallRule(spec(config), engine.occurrences());
        engine.register(rule);
    }

    static RainfallRule.Spec spec(RainfallRuleConfig config) {
        String ruleId = config.ruleId();
        var criteria = new ArrayList<RainfallCriteria.Criterion>();
        if (config.preset() != null && !config.preset().isBlank()) {
            criteria.addAll(RainfallCriteria.preset(config.preset()).criteria());
        }
        Arrays.stream(config.criteria()).map(RainfallCriteria.Criterion::parse).forEach(criteria::add);
        if (criteria.isEmpty()) {
            throw new IllegalArgumentException("rule " + ruleId + ": needs a preset or criteria");
        }
        var source = RainGauge.Source.valueOf(config.source().strip().toUpperCase(Locale.ROOT));
        var gauge = new RainfallRule.Gauge(source, config.resolutionMm(), config.counterModulus(),
                config.maxRateMmPerHour(), config.resetsDaily(),
                source == RainGauge.Source.INTERVAL ? Duration.ofSeconds(config.intervalSeconds()) : null);
        if (config.minHoldSeconds() < 0 || config.staleAfterSeconds() < 0) {
            throw new IllegalArgumentException("rule " + ruleId + ": minHoldSeconds and staleAfterSeconds must not"
                    + " be negative");
        }
        return new RainfallRule.Spec(ruleId, config.channel(), gauge, new RainfallCriteria(criteria),
                config.hysteresisMm(), config.hysteresisPercent() / 100,
                ThresholdRuleSpec.debounce(ruleId, config.raiseAfterSeconds(), config.clearAfterSeconds(),
                        config.minHoldSeconds()),
                ZoneId.of(config.zone()), Duration.ofSeconds(config.eventDrySeconds()),
                Duration.ofSeconds(config.staleAfterSeconds()), config.publish());
    }

    @Deactivate
    void deactivate() {
        engine.unregister(rule);
    }
}
