package io.weir.rules.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** One configured composite rule, run by the engine on its operands' changes. */
@Component(service = {}, configurationPid = CompositeRuleComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = CompositeRuleConfig.class, factory = true)
public final class CompositeRuleComponent {

    static final String PID = "io.weir.rules.composite";

    private final RuleEngine engine;
    private final CompositeRule rule;

    @Activate
    public CompositeRuleComponent(CompositeRuleConfig config,
                                  @Reference(name = "engine") RuleEngineComponent engine) {
        this(config, engine.engine());
    }

    CompositeRuleComponent(CompositeRuleConfig config, RuleEngine engine) {
        this.engine = engine;
        String[] operands = config.operands();
        this.rule = new CompositeRule(new CompositeRule.Spec(config.ruleId(), config.operator(),
                operands == null ? List.of() : List.of(operands)), engine.occurrences());
        engine.register(rule);
    }

    @Deactivate
    void deactivate() {
        engine.unregister(rule);
    }
}
