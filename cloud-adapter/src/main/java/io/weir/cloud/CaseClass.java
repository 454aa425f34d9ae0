package io.weir.cloud;

import java.util.Objects;

/**
 * How one kind of alarm is registered on the county platform: case type, category codes (GB/T 30428 large and
 * small class), the department it goes to and the time it has to handle it.
 */
public record CaseClass(String caseType, String largeClass, String smallClass, String department, int timeLimitHours) {

    public CaseClass {
        Objects.requireNonNull(caseType, "caseType");
        Objects.requireNonNull(largeClass, "largeClass");
        Objects.requireNonNull(smallClass, "smallClass");
        Objects.requireNonNull(department, "department");
        if (!smallClass.startsWith(largeClass)) {
            throw new IllegalArgumentException("smallClass " + smallClass + " is not in largeClass " + largeClass);
        }
        if (timeLimitHours <= 0) {
            throw new IllegalArgumentException("timeLimitHours must be positive, was " + timeLimitHours);
        }
    }

    /** Emergency event case (事件, class 04 突发事件), e.g. for flood alarms. */
    public static CaseClass defaultEvent() {
        return new CaseClass("EVENT", "04", "0401", "water-resources", 2);
    }

    /** Component maintenance case (部件, class 01 公用设施), for device faults. */
    public static CaseClass defaultComponent() {
        return new CaseClass("COMPONENT", "01", "0101", "facility-maintenance", 24);
    }
}
