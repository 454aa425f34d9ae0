package io.weir.rules.internal;

import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** One configured set of device-fault checks, run by the engine ahead of the channel's other rules. */
@Component(service = {}, configurationPid = FaultRuleComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FaultRuleConfig.class, factory = true)
public final class FaultRuleComponent {

    static final String PID = "io.weir.rules.fault";

    private final RuleEngine engine;
    private final FaultRule rule;

    @Activate
    public FaultRuleComponent(FaultRuleConfig config, @Reference(name = "engine") RuleEngineComponent engine) {
        this(config, engine.engine());
    }

    FaultRuleComponent(FaultRuleConfig config, RuleEngine engine) {
        this.engine = engine;
        this.rule = new FaultRule(new FaultRule.Spec(config.ruleId(), config.channel(),
                Duration.ofSeconds(config.noDataAfterSeconds()), config.min(), config.max(), config.maxStep(),
                config.spikeConfirm(), Duration.ofSeconds(config.stuckAfterSeconds()), config.stuckTolerance(),
                ThresholdRuleSpec.debounce(config.ruleId(), 0, config.clearAfterSeconds())), engine.occurrences());
        engine.register(rule);
    }

    @Deactivate
    void deactivate() {
        engine.unregister(rule);
    }
}
