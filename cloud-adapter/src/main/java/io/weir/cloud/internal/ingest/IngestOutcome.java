package io.weir.cloud.internal.ingest;

/** What became of one MQTT message. In every case it may be acknowledged: the outcome is committed. */
public enum IngestOutcome {
    /** Committed to the database. */
    STORED,
    /** Its (gatewayId, seq) was already committed; dropped. */
    DUPLICATE,
    /** Broke the contract; kept in the dead-letter table with the reason. */
    REJECTED,
    /** Came from a gateway that is not registered: counted and kept aside, never stored or turned into a case. */
    QUARANTINED
}
