package io.weir.gpio.internal;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmLevel;

/**
 * Whether an output (siren, strobe, relay) is on, from the alarm events it has seen. An alarm latches the output
 * when it is RAISED or ESCALATED at or above the trigger level, and releases it when it is ACKNOWLEDGED, or when it
 * is CLEARED if {@code releaseOnClear}. A de-escalation does not release it: someone must have taken the alarm.
 * An escalation after an acknowledgement latches again, as the rules re-arm the acknowledgement. The output is on
 * while any alarm holds it. A trigger of FAULT latches on FAULT alarms only (a maintenance lamp); a warning
 * trigger never latches on FAULT, since a broken sensor must not sound a flood siren. Not thread-safe.
 */
final class AlarmLatch {

    private final AlarmLevel trigger;
    private final boolean releaseOnClear;
    private final Set<String> holding = new LinkedHashSet<>();

    AlarmLatch(AlarmLevel trigger, boolean releaseOnClear) {
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        this.releaseOnClear = releaseOnClear;
    }

    /** @return whether the output is on after the event */
    boolean apply(AlarmEvent event) {
        switch (event.transition()) {
            case RAISED, ESCALATED -> {
                if (triggers(event.level())) {
                    holding.add(event.alarmId());
                }
            }
            case ACKNOWLEDGED -> holding.remove(event.alarmId());
            case CLEARED -> {
                if (releaseOnClear) {
                    holding.remove(event.alarmId());
                }
            }
            case DEESCALATED -> {
                // stays latched until someone takes the alarm
            }
        }
        return on();
    }

    boolean on() {
        return !holding.isEmpty();
    }

    /** The alarms holding the output, oldest first. */
    Set<String> holding() {
        return Set.copyOf(holding);
    }

    private boolean triggers(AlarmLevel level) {
        return trigger == AlarmLevel.FAULT ? level == AlarmLevel.FAULT
                : level.isWarning() && level.compareTo(trigger) >= 0;
    }
}
