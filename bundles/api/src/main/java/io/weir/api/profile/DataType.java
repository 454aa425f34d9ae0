package io.weir.api.profile;

/**
 * How a point's registers (or, for {@link #BIT}, its coil or discrete input) encode its value.
 *
 * <p>Values of more than one register follow the point's {@link WordOrder}; for the 64-bit types the four orders
 * generalize as described there. A {@link #STRING} spans as many registers as its point's {@link Point#length()}.
 */
public enum DataType {
    /** One bit of the coil (function 01) or discrete input (function 02) table; reads as a Boolean. */
    BIT(1),
    INT16(1), UINT16(1), INT32(2), UINT32(2), FLOAT32(2),
    /**
     * Signed 64-bit integer in four registers. Exact while it fits a long; once scaled it becomes a double, which
     * holds integers exactly only up to 2^53 (9007199254740992): larger counts lose their last digits.
     */
    INT64(4),
    /**
     * Unsigned 64-bit integer in four registers. Values up to 2^63 - 1 read exactly as a long; above that (and
     * whenever scaled) the value is a double, exact only up to 2^53 (9007199254740992).
     */
    UINT64(4),
    /** IEEE 754 double precision in four registers. */
    FLOAT64(4),
    /**
     * Text, two bytes per register, first byte in the register's high byte (swapped by the byte-swapping word
     * orders BADC and DCBA), read as UTF-8 (so ASCII as is) up to the first NUL, trailing spaces removed. Spans
     * {@link Point#length()} registers; {@link #registers()} is 0 because the type alone does not say.
     */
    STRING(0);

    private final int registers;

    DataType(int registers) {
        this.registers = registers;
    }

    /**
     * Number of 16-bit registers the value spans: 1 for {@link #BIT} (one bit, not a register), 0 for
     * {@link #STRING} (its point's length says).
     */
    public int registers() {
        return registers;
    }

    /** Whether the type lives in the bit tables (functions 01 and 02) rather than the registers (03 and 04). */
    public boolean isBit() {
        return this == BIT;
    }

    /** Whether scale and offset apply: not to bits and strings. */
    public boolean isNumeric() {
        return this != BIT && this != STRING;
    }
}
