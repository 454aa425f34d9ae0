package io.weir.site.internal;

/** Which way a threshold rule's value must cross its levels to raise an alarm. */
public enum Direction {
    /** Alarm when the value rises to a level: river stage, rainfall. Levels rise with severity. */
    ABOVE,
    /** Alarm when the value falls to a level: reservoir drawdown, supply pressure. Levels fall with severity. */
    BELOW
}
