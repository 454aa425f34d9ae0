package io.weir.cloud.internal.protocol;

/** Why a reading is not GOOD. */
public enum QualityReason { COMM_ERROR, OUT_OF_RANGE, STUCK, SPIKE, STALE, CONFIG_ERROR, CLOCK_UNSYNCED }
