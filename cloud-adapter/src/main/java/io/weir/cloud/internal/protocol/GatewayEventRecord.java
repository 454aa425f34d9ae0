package io.weir.cloud.internal.protocol;

import java.time.Instant;
import java.util.Map;

/**
 * One gateway event: its type, time, source (null when the gateway left it out) and its further fields (scalars
 * only; {@code bodyJson} is the whole event object as received).
 */
public record GatewayEventRecord(String type, Instant ts, String source, Map<String, Object> details,
                                 String bodyJson) {

    /** A detail as text, or null when it is absent. */
    public String text(String name) {
        Object value = details.get(name);
        return value == null ? null : value.toString();
    }

    /** A numeric detail, or null when it is absent or not a number. */
    public Long number(String name) {
        return details.get(name) instanceof Double d ? Long.valueOf(d.longValue()) : null;
    }
}
