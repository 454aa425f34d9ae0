package io.weir.cloud.internal.protocol;

public enum Quality { GOOD, UNCERTAIN, BAD }
