package io.weir.ops;

/** Something the operator must fix or know (the adapter refused, a file is missing): one line, exit code 1. */
final class OpsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OpsException(String message) {
        super(message);
    }

    OpsException(String message, Throwable cause) {
        super(message, cause);
    }
}
