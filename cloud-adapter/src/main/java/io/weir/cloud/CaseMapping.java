package io.weir.cloud;

import java.util.Objects;

/**
 * Alarm level to county case: FAULT alarms become {@code component} cases, every other level an {@code event} case.
 * Urgency follows the level (RED and ORANGE are URGENT, the rest NORMAL) and is not configurable.
 */
public record CaseMapping(CaseClass event, CaseClass component) {

    public CaseMapping {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(component, "component");
    }

    public static CaseMapping defaults() {
        return new CaseMapping(CaseClass.defaultEvent(), CaseClass.defaultComponent());
    }
}
