package io.weir.cloud.internal.protocol;

/** The lifecycle step an alarm event reports. */
public enum AlarmTransition {
    RAISED, ESCALATED, DEESCALATED, CLEARED, ACKNOWLEDGED;

    /** Events after which the alarm has an open case: its first event of either kind opens it. */
    public boolean opensCase() {
        return this == RAISED || this == ESCALATED;
    }
}
