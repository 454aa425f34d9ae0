package io.weir.store.internal;

/** Records were not stored because there is no room: the disk, the file limit or the alarm cap is reached. */
final class StoreFullException extends StoreException {
    private static final long serialVersionUID = 1L;

    StoreFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
