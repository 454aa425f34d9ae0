package io.weir.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something operators must hear about that is neither a reading nor an alarm: a deployment step, a device fault
 * found by a bus scan, evicted telemetry. Published on {@code weir/v1/{gw}/event} as one JSON object with
 * {@code type}, {@code ts}, {@code source} and the details as further fields.
 *
 * @param type    upper-case name, for example {@code DEPLOY_DOWNLOADED}
 * @param time    when it happened
 * @param source  what raised it, for example {@code deploy} or {@code modbus/pump-1}
 * @param details further fields; values are String, Number, Boolean or null, kept in their order
 */
public record GatewayEvent(String type, Instant time, String source, Map<String, Object> details) {

    public GatewayEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(source, "source");
        var copy = new LinkedHashMap<String, Object>();
        if (details != null) {
            details.forEach((k, v) -> {
                if (v != null && !(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                    throw new IllegalArgumentException("event detail " + k + " is a " + v.getClass().getName()
                            + "; only String, Number, Boolean and null are allowed");
                }
                copy.put(Objects.requireNonNull(k, "detail name"), v);
            });
        }
        details = Collections.unmodifiableMap(copy);
    }
}
