package io.weir.api;

/** What happened to an alarm. An alarm is RAISED once, may change level, and ends CLEARED. */
public enum AlarmTransition {
    RAISED, ESCALATED, DEESCALATED, CLEARED, ACKNOWLEDGED
}
