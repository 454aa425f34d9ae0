package io.weir.api;

/** How far a reading's value can be trusted. */
public enum Quality {
    GOOD,
    /** A value is present but suspect (e.g. taken before the clock was synchronised). */
    UNCERTAIN,
    /** No usable value. */
    BAD
}
