package io.weir.sl651.internal;

/** A frame that cannot be used, with the reason counted under its kind. */
final class FrameException extends Exception {

    private static final long serialVersionUID = 1L;

    enum Kind { BAD_CRC, TRUNCATED, MALFORMED }

    private final Kind kind;

    FrameException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
