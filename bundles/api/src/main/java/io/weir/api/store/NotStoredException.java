package io.weir.api.store;

/**
 * Thrown by the store's whiteboard listeners ({@link io.weir.api.ReadingListener},
 * {@link io.weir.api.AlarmListener}, {@link io.weir.api.GatewayEventListener}) when what was handed to them is not
 * durable: the file system or the store's file is full and no telemetry was left to evict, the alarms' own cap is
 * reached, or the file cannot be written. Nothing of the call is stored then. Alarm and gateway events are kept in
 * memory and written, in order, as soon as the store can ({@link #retried()} is true); readings are not.
 *
 * <p>The same refusal may repeat on every poll, so the exception carries no stack trace and its message is one
 * line fit for a log.
 */
public class NotStoredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean retried;

    /**
     * @param message what was not stored and why
     * @param retried true when the store keeps the records and retries them until they are durable
     */
    public NotStoredException(String message, boolean retried) {
        super(message, null, false, false);
        this.retried = retried;
    }

    /** True when the store keeps the records and writes them once it can. */
    public boolean retried() {
        return retried;
    }
}
