package io.weir.rules.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** One configured threshold rule, run by the engine. */
@Component(service = {}, configurationPid = ThresholdRuleComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ThresholdRuleConfig.class, factory = true)
public final class ThresholdRuleComponent {

    static final String PID = "io.weir.rules.threshold";

    private final RuleEngine engine;
    private final ThresholdRule rule;

    @Activate
    public ThresholdRuleComponent(ThresholdRuleConfig config, @Reference(name = "engine") RuleEngineComponent engine) {
        this(config, engine.engine());
    }

    ThresholdRuleComponent(ThresholdRuleConfig config, RuleEngine engine) {
        this.engine = engine;
        this.rule = new ThresholdRule(ThresholdRuleSpec.from(config), engine.occurrences());
        engine.register(rule);
    }

    @Deactivate
    void deactivate() {
        engine.unregister(rule);
    }
}
