package io.weir.simulator.county;

/**
 * Why the platform refused a request: the HTTP status and the {@code error}/{@code detail} pair of the JSON body.
 * Thrown by the checks and turned into the response in one place.
 */
final class Rejection extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final String field;

    Rejection(int status, String error, String detail, String field) {
        super(detail, null, false, false);
        this.status = status;
        this.error = error;
        this.field = field;
    }

    static Rejection unauthorized(String error, String detail) {
        return new Rejection(401, error, detail, null);
    }

    /** A body that cannot be a case, because of {@code field}. */
    static Rejection badField(String error, String field, String detail) {
        return new Rejection(400, error, detail, field);
    }

    static Rejection badBody(String detail) {
        return new Rejection(400, "malformed-body", detail, null);
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    String detail() {
        return getMessage();
    }

    /** The body field at fault, or null when the fault is not one field's. */
    String field() {
        return field;
    }
}
