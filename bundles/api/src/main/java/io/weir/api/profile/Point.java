package io.weir.api.profile;

import java.util.Objects;

/**
 * One value a device holds.
 *
 * @param name      channel name, unique in the profile
 * @param function  Modbus read function code: 3 (holding registers) or 4 (input registers)
 * @param address   zero-based protocol address of the first register
 * @param type      encoding
 * @param wordOrder order of 32-bit values (ignored for 16-bit ones)
 * @param scale     engineering value = raw * scale + offset
 * @param offset    see scale
 * @param unit      engineering unit
 */
public record Point(String name, int function, int address, DataType type, WordOrder wordOrder, double scale,
                    double offset, String unit) {

    public Point {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        wordOrder = wordOrder == null ? WordOrder.ABCD : wordOrder;
        unit = unit == null ? "" : unit;
        if (function != 3 && function != 4) {
            throw new IllegalArgumentException("point " + name + ": function " + function + " is not 3 or 4");
        }
        if (address < 0 || address + type.registers() > 65536) {
            throw new IllegalArgumentException("point " + name + ": address " + address + " is outside 0..65535");
        }
        if (scale == 0 || !Double.isFinite(scale) || !Double.isFinite(offset)) {
            throw new IllegalArgumentException("point " + name + ": scale must be finite and non-zero, offset finite");
        }
    }

    /** Address of the register after this point's last one. */
    public int end() {
        return address + type.registers();
    }
}
