package io.weir.cloud;

import java.util.Objects;
import java.util.Set;

/**
 * One line of the case mapping: alarms of rule (kind) {@code ruleId} (null: any) at one of {@code levels} (empty:
 * any; BLUE, YELLOW, ORANGE, RED, FAULT) become cases of {@code caseClass}.
 *
 * @param urgency             URGENT, NORMAL ...; null to follow the level (RED and ORANGE urgent)
 * @param requestCloseOnClear whether clearing the alarm asks the platform to close the case; null: the mapping's
 *                            default
 */
public record CaseRule(String ruleId, Set<String> levels, CaseClass caseClass, String urgency,
                       Boolean requestCloseOnClear) {

    public CaseRule {
        levels = Set.copyOf(Objects.requireNonNull(levels, "levels"));
        Objects.requireNonNull(caseClass, "caseClass");
    }

    public boolean matches(String alarmRuleId, String level) {
        return (ruleId == null || ruleId.equals(alarmRuleId)) && (levels.isEmpty() || levels.contains(level));
    }
}
