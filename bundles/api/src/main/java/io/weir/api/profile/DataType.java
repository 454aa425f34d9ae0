package io.weir.api.profile;

/** How a point's registers encode its value. */
public enum DataType {
    INT16(1), UINT16(1), INT32(2), UINT32(2), FLOAT32(2);

    private final int registers;

    DataType(int registers) {
        this.registers = registers;
    }

    /** Number of 16-bit registers the value spans. */
    public int registers() {
        return registers;
    }
}
