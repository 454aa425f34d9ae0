package io.weir.store.internal;

/** The store could not do what was asked; the message says what and why (e.g. the disk is full). */
class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
