package io.weir.meterbus.internal;

import java.util.Objects;

/**
 * One value a meter profile reads.
 *
 * @param name     point name, the last part of the channel
 * @param di       DL/T 645: the data identifier, 8 hexadecimal digits DI3..DI0 (e.g. 00010000)
 * @param field    CJ/T 188: the field of the metering answer (CURRENT_FLOW ...)
 * @param type     NUMBER, DATE (YYMMDDWW) or TIME (hhmmss); CJ/T 188 status fields are booleans
 * @param bytes    DL/T 645 numbers: bytes of the value
 * @param decimals DL/T 645 numbers: decimal places
 * @param signed   DL/T 645 numbers: the top bit of the most significant byte is the sign
 * @param unit     engineering unit
 */
record MeterPoint(String name, String di, String field, String type, int bytes, int decimals, boolean signed,
                  String unit) {

    MeterPoint {
        Objects.requireNonNull(name, "name");
        type = type == null || type.isBlank() ? "NUMBER" : type;
        unit = unit == null ? "" : unit;
    }
}
