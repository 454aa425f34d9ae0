package io.weir.api.store;

/** The life of a stored record; see the package documentation. */
public enum MessageState {
    STORED, IN_FLIGHT, CONFIRMED
}
