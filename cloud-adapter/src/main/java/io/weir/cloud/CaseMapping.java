package io.weir.cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Alarm to county case. The first {@link CaseRule} matching the alarm's rule id (kind) and level wins; without one,
 * FAULT alarms become {@code component} cases and every other level an {@code event} case, urgent at RED and
 * ORANGE. {@code requestCloseOnClear} is the default for asking the platform to close a case when its alarm clears
 * (a recovery note is always added).
 */
public record CaseMapping(CaseClass event, CaseClass component, List<CaseRule> rules, boolean requestCloseOnClear) {

    /** What one alarm maps to. */
    public record Resolved(CaseClass caseClass, String urgency, boolean requestCloseOnClear) {
    }

    public CaseMapping {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(component, "component");
        rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
    }

    /** Level-based defaults only; clearing adds a recovery note but does not ask for closure. */
    public CaseMapping(CaseClass event, CaseClass component) {
        this(event, component, List.of(), false);
    }

    public static CaseMapping defaults() {
        return new CaseMapping(CaseClass.defaultEvent(), CaseClass.defaultComponent());
    }

    public CaseMapping withRule(CaseRule rule) {
        List<CaseRule> more = new ArrayList<>(rules);
        more.add(rule);
        return new CaseMapping(event, component, more, requestCloseOnClear);
    }

    public CaseMapping withRequestCloseOnClear(boolean close) {
        return new CaseMapping(event, component, rules, close);
    }

    public Resolved resolve(String ruleId, String level) {
        for (CaseRule rule : rules) {
            if (rule.matches(ruleId, level)) {
                return new Resolved(rule.caseClass(), rule.urgency() != null ? rule.urgency() : urgency(level),
                        rule.requestCloseOnClear() != null ? rule.requestCloseOnClear() : requestCloseOnClear);
            }
        }
        return new Resolved("FAULT".equals(level) ? component : event, urgency(level), requestCloseOnClear);
    }

    private static String urgency(String level) {
        return "RED".equals(level) || "ORANGE".equals(level) ? "URGENT" : "NORMAL";
    }
}
