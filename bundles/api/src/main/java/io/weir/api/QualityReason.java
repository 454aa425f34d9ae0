package io.weir.api;

/** Why a reading is not {@link Quality#GOOD}. */
public enum QualityReason {
    COMM_ERROR,
    OUT_OF_RANGE,
    STUCK,
    SPIKE,
    STALE,
    CONFIG_ERROR,
    CLOCK_UNSYNCED
}
