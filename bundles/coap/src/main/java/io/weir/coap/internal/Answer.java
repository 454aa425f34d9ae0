package io.weir.coap.internal;

/**
 * How the server answers one report, in CoAP terms but without Californium types.
 *
 * @param code          the response code
 * @param payload       the response payload (commands, or a diagnostic text for an error)
 * @param contentFormat the payload's content format; -1 when there is no payload
 * @param maxAgeSeconds the Max-Age option, for a 4.29 or 5.03 (when to try again); -1 for none
 */
record Answer(Code code, byte[] payload, int contentFormat, long maxAgeSeconds) {

    /** The CoAP response codes this server gives (RFC 7252, RFC 8516 for 4.29). */
    enum Code {
        CHANGED, BAD_REQUEST, UNAUTHORIZED, REQUEST_ENTITY_TOO_LARGE, UNSUPPORTED_CONTENT_FORMAT, TOO_MANY_REQUESTS,
        SERVICE_UNAVAILABLE
    }

    static final int TEXT_PLAIN = 0;

    static Answer changed(byte[] payload, int contentFormat) {
        return new Answer(Code.CHANGED, payload, payload.length == 0 ? -1 : contentFormat, -1);
    }

    static Answer error(Code code, String diagnostic) {
        return new Answer(code, diagnostic.getBytes(java.nio.charset.StandardCharsets.UTF_8), TEXT_PLAIN, -1);
    }

    static Answer retryLater(Code code, String diagnostic, long seconds) {
        return new Answer(code, diagnostic.getBytes(java.nio.charset.StandardCharsets.UTF_8), TEXT_PLAIN, seconds);
    }
}
