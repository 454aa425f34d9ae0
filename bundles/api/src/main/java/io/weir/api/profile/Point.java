package io.weir.api.profile;

import java.util.Objects;

/**
 * One value a device holds.
 *
 * @param name      channel name, unique in the profile
 * @param function  Modbus read function code: 1 (coils) or 2 (discrete inputs) for {@link DataType#BIT}, 3 (holding
 *                  registers) or 4 (input registers) for every other type
 * @param address   zero-based protocol address of the first register (of the bit, for function 1 and 2)
 * @param type      encoding
 * @param wordOrder order of multi-register values (ignored for 16-bit ones and bits; strings use only its byte part)
 * @param scale     engineering value = raw * scale + offset; must stay 1 for bits and strings
 * @param offset    see scale; must stay 0 for bits and strings
 * @param unit      engineering unit
 * @param length    number of registers a {@link DataType#STRING} spans (1..125, two bytes each); 0 for other types
 * @param writeFunction the Modbus function that writes the point, 0 when it is read-only: 5 or 15 for a coil,
 *                  6 or 16 for a one-register holding register, 16 for wider values and strings
 * @param decimals  how many decimals people read the value with, {@code null} for as measured; numeric types
 *                  only (see {@link io.weir.api.Reading#decimals()}); since 1.4
 * @param deadband  how far the value must move from the last reported one before a reading is reported upstream
 *                  again, {@code null} for no band; numeric types only; since 1.5
 * @param heartbeatMillis how long an unchanged value goes unreported at most before it is reported anyway, 0 for
 *                  no heartbeat; since 1.5
 */
public record Point(String name, int function, int address, DataType type, WordOrder wordOrder, double scale,
                    double offset, String unit, int length, int writeFunction, Integer decimals, Deadband deadband,
                    long heartbeatMillis) {

    /** A point every reading of which is reported. */
    public Point(String name, int function, int address, DataType type, WordOrder wordOrder, double scale,
                 double offset, String unit, int length, int writeFunction, Integer decimals) {
        this(name, function, address, type, wordOrder, scale, offset, unit, length, writeFunction, decimals, null, 0);
    }

    /** A point shown as measured. */
    public Point(String name, int function, int address, DataType type, WordOrder wordOrder, double scale,
                 double offset, String unit, int length, int writeFunction) {
        this(name, function, address, type, wordOrder, scale, offset, unit, length, writeFunction, null);
    }

    /** A point of a fixed-size type (anything but {@link DataType#STRING}), read-only. */
    public Point(String name, int function, int address, DataType type, WordOrder wordOrder, double scale,
                 double offset, String unit) {
        this(name, function, address, type, wordOrder, scale, offset, unit, 0, 0, null);
    }

    /** A read-only point. */
    public Point(String name, int function, int address, DataType type, WordOrder wordOrder, double scale,
                 double offset, String unit, int length) {
        this(name, function, address, type, wordOrder, scale, offset, unit, length, 0, null);
    }

    public Point {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        wordOrder = wordOrder == null ? WordOrder.ABCD : wordOrder;
        unit = unit == null ? "" : unit;
        if (function < 1 || function > 4) {
            throw new IllegalArgumentException("point " + name + ": function " + function + " is not 1, 2, 3 or 4");
        }
        if (type.isBit() != (function == 1 || function == 2)) {
            throw new IllegalArgumentException("point " + name + ": type " + type + " cannot be read with function "
                    + function + " (bit goes with 1 or 2, every other type with 3 or 4)");
        }
        if (type == DataType.STRING) {
            if (length < 1 || length > DeviceProfile.MODBUS_MAX_REGISTERS) {
                throw new IllegalArgumentException("point " + name + ": a string needs a length of 1.."
                        + DeviceProfile.MODBUS_MAX_REGISTERS + " registers, not " + length);
            }
        } else if (length != 0) {
            throw new IllegalArgumentException("point " + name + ": length is for strings only, not " + type);
        }
        int span = type == DataType.STRING ? length : type.registers();
        if (address < 0 || address + span > 65536) {
            throw new IllegalArgumentException("point " + name + ": address " + address + " is outside 0..65535");
        }
        if (scale == 0 || !Double.isFinite(scale) || !Double.isFinite(offset)) {
            throw new IllegalArgumentException("point " + name + ": scale must be finite and non-zero, offset finite");
        }
        if (!type.isNumeric() && (scale != 1 || offset != 0)) {
            throw new IllegalArgumentException("point " + name + ": a " + type + " has no scale or offset");
        }
        if (decimals != null && (!type.isNumeric() || decimals < 0 || decimals > io.weir.api.Reading.MAX_DECIMALS)) {
            throw new IllegalArgumentException("point " + name + ": decimals " + decimals + " is not for a " + type
                    + " or outside 0.." + io.weir.api.Reading.MAX_DECIMALS);
        }
        if (deadband != null && !type.isNumeric()) {
            throw new IllegalArgumentException("point " + name + ": a " + type + " has no deadband: every change of"
                    + " it is reported");
        }
        if (heartbeatMillis < 0) {
            throw new IllegalArgumentException("point " + name + ": heartbeat " + heartbeatMillis + " ms is negative");
        }
        if (writeFunction != 0 && !canWrite(function, type, writeFunction)) {
            throw new IllegalArgumentException("point " + name + ": write function " + writeFunction + " does not"
                    + " write a " + type + " read with function " + function + " (coils: 5 or 15; one-register"
                    + " holding registers: 6 or 16; wider values and strings: 16; inputs cannot be written)");
        }
    }

    /**
     * Whether some readings of the point may go unreported: those that stay within its deadband (or, with only a
     * heartbeat, that repeat the last reported value) until the heartbeat is due. Without either, every reading is
     * reported.
     */
    public boolean reportsByException() {
        return deadband != null || heartbeatMillis > 0;
    }

    /** Whether {@code writeFunction} writes a {@code type} read with {@code function}. */
    public static boolean canWrite(int function, DataType type, int writeFunction) {
        if (function == 1) {
            return writeFunction == 5 || writeFunction == 15;
        }
        if (function != 3) {
            return false;
        }
        boolean oneRegister = type != DataType.STRING && type.registers() == 1;
        return writeFunction == 16 || (oneRegister && writeFunction == 6);
    }

    /** Whether the point may be written (the modbus-write command reads it back to verify). */
    public boolean writable() {
        return writeFunction != 0;
    }

    /**
     * The function that writes a point by default: 5 for a coil, 6 for a one-register holding register, 16 for
     * wider ones; 0 when the point cannot be written (an input).
     */
    public static int defaultWriteFunction(int function, DataType type) {
        if (function == 1) {
            return 5;
        }
        if (function != 3) {
            return 0;
        }
        return type != DataType.STRING && type.registers() == 1 ? 6 : 16;
    }

    /** How many registers (bits, for function 1 and 2) the point occupies. */
    public int span() {
        return type == DataType.STRING ? length : type.registers();
    }

    /** Address of the register (bit) after this point's last one. */
    public int end() {
        return address + span();
    }
}
