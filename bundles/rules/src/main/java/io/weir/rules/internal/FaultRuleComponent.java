package io.weir.rules.internal;

import java.time.Duration;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One configured set of device-fault checks, run by the engine ahead of the channel's other rules. */
@Component(service = {}, configurationPid = FaultRuleComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FaultRuleConfig.class, factory = true)
public final class FaultRuleComponent {

    static final String PID = "io.weir.rules.fault";
    private static final Logger LOG = LoggerFactory.getLogger(FaultRuleComponent.class);

    private final RuleEngine engine;
    private final FaultRule rule;

    @Activate
    public FaultRuleComponent(FaultRuleConfig config, Map<String, Object> properties,
                              @Reference(name = "engine") RuleEngineComponent engine) {
        this(config, engine.engine());
        if (properties.containsKey("maxStep") && !properties.containsKey("maxRatePerHour")) {
            // written by an older site bundle: a per-reading step held real floods back, so it is not used
            LOG.warn("fault rule {}: maxStep and spikeConfirm are no longer used; set maxRate (the fastest the"
                    + " channel can physically change per hour) to check for jumps", config.ruleId());
        }
    }

    FaultRuleComponent(FaultRuleConfig config, RuleEngine engine) {
        this.engine = engine;
        this.rule = new FaultRule(new FaultRule.Spec(config.ruleId(), config.channel(),
                Duration.ofSeconds(config.noDataAfterSeconds()), config.min(), config.max(), config.maxRatePerHour(),
                config.noise(), Duration.ofSeconds(config.stuckAfterSeconds()), config.stuckTolerance(),
                ThresholdRuleSpec.debounce(config.ruleId(), 0, config.clearAfterSeconds())), engine.occurrences());
        engine.register(rule);
    }

    @Deactivate
    void deactivate() {
        engine.unregister(rule);
    }
}
