package io.weir.api;

/**
 * Warning levels in rising severity, as the Chinese warning signals use them; {@link #FAULT} is a maintenance
 * alarm (a broken sensor), outside that order.
 */
public enum AlarmLevel {
    BLUE, YELLOW, ORANGE, RED, FAULT;

    /** True for the four warning colours, false for FAULT. */
    public boolean isWarning() {
        return this != FAULT;
    }
}
