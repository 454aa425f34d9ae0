package io.weir.api.store;

/** The life of a stored record; see the package documentation. */
public enum MessageState {
    /** Appended and durable, not yet part of a message. */
    STORED,
    /** Part of a numbered message handed to the uplink; re-sent unchanged until confirmed. */
    IN_FLIGHT,
    /** The broker acknowledged the message; its records are removed in the same commit. */
    CONFIRMED,
    /** Telemetry removed while still STORED because the telemetry byte cap needed room; counted and reported. */
    EVICTED
}
