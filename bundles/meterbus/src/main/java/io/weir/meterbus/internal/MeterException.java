package io.weir.meterbus.internal;

/** A meter transaction that gave no value, with why. */
final class MeterException extends Exception {

    private static final long serialVersionUID = 1L;

    enum Kind {
        /** Nothing, or not all of the answer, came in time. */
        TIMEOUT,
        /** The answer's checksum, end byte or layout is wrong, or it is another meter's. */
        BAD_FRAME,
        /** The meter answered with an error (DL/T 645 error byte, CJ/T 188 abnormal answer). */
        REFUSED,
        /** The meter has no such data: the profile asks for something this model lacks. */
        NO_DATA
    }

    private final Kind kind;

    MeterException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
