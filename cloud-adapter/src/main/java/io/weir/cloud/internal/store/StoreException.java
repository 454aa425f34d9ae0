package io.weir.cloud.internal.store;

/** A database failure. Ingest lets it propagate so the MQTT message stays unacknowledged and is redelivered. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
