package io.weir.coap.internal;

import java.time.Instant;
import java.util.Objects;

/**
 * One SenML record after RFC 8428 resolution (section 4.6): base name, base time, base unit, base value and base
 * sum already applied, time absolute.
 *
 * @param name  base name + name
 * @param time  resolved time
 * @param unit  unit or base unit; empty when neither
 * @param value a Double (value or sum), String, or Boolean
 */
record SenmlRecord(String name, Instant time, String unit, Object value) {

    SenmlRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(value, "value");
        unit = unit == null ? "" : unit;
    }
}
