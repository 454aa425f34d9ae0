package io.weir.coap.internal;

/** A payload that is not valid SenML; the message says what is wrong and goes back as the 4.00 diagnostic. */
final class MalformedSenml extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedSenml(String message) {
        super(message);
    }
}
