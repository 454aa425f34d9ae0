package io.weir.rules.internal;

import java.time.DateTimeException;
import java.time.MonthDay;

/**
 * One season of a reservoir's flood-limit level (汛限水位), as configurations write it: {@code MM-dd/MM-dd:level},
 * both days included, e.g. {@code 06-01/08-31:101.5} for a main flood season (主汛期).
 */
record FloodSeason(MonthDay from, MonthDay to, double level) {

    static FloodSeason parse(String ruleId, String text) {
        String[] parts = text.strip().split("[/:]", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("rule " + ruleId + ": flood-limit season '" + text + "' is not"
                    + " MM-dd/MM-dd:level, e.g. 06-01/08-31:101.5");
        }
        try {
            double level = Double.parseDouble(parts[2].strip());
            if (!Double.isFinite(level)) {
                throw new NumberFormatException(parts[2]);
            }
            return new FloodSeason(MonthDay.parse("--" + parts[0].strip()), MonthDay.parse("--" + parts[1].strip()),
                    level);
        } catch (DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException("rule " + ruleId + ": flood-limit season '" + text + "' is not"
                    + " MM-dd/MM-dd:level, e.g. 06-01/08-31:101.5", e);
        }
    }
}
