package io.weir.rules.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A composite rule (factory PID io.weir.rules.composite): other rules of the site combined by id. */
@ObjectClassDefinition(name = "Weir composite rule", description = "Alarms when other rules are in a level together"
        + " (AND: the lowest of their levels) or either is (OR: the highest)")
public @interface CompositeRuleConfig {

    @AttributeDefinition(name = "Rule id")
    String ruleId();

    @AttributeDefinition(name = "Operator", description = "AND: every operand at the level; OR: any operand")
    CompositeOperator operator() default CompositeOperator.AND;

    @AttributeDefinition(name = "Operands", description = "Rule ids of the site's other rules, at least 2")
    String[] operands();
}
