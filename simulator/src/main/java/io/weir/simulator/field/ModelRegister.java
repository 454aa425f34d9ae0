package io.weir.simulator.field;

import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

import com.ghgande.j2mod.modbus.procimg.IllegalAddressException;
import com.ghgande.j2mod.modbus.procimg.Register;

/**
 * A holding register that reads from and writes to a device model rather than storing a value, so the register
 * map never holds a stale copy of the device's state.
 */
final class ModelRegister implements Register {

    private final IntSupplier read;
    private final IntConsumer write;

    private ModelRegister(IntSupplier read, IntConsumer write) {
        this.read = read;
        this.write = write;
    }

    static ModelRegister readOnly(IntSupplier read) {
        return new ModelRegister(read, null);
    }

    static ModelRegister readWrite(IntSupplier read, IntConsumer write) {
        return new ModelRegister(read, write);
    }

    @Override
    public int getValue() {
        return read.getAsInt() & 0xFFFF;
    }

    @Override
    public int toUnsignedShort() {
        return getValue();
    }

    @Override
    public short toShort() {
        return (short) getValue();
    }

    @Override
    public byte[] toBytes() {
        int value = getValue();
        return new byte[] {(byte) (value >> 8), (byte) value};
    }

    @Override
    public void setValue(int value) {
        if (write == null) {
            // j2mod turns this into exception 02, which is what such gauges answer for a read-only register.
            throw new IllegalAddressException();
        }
        try {
            write.accept(value & 0xFFFF);
        } catch (IllegalArgumentException e) {
            throw new IllegalAddressException();
        }
    }

    @Override
    public void setValue(short value) {
        setValue(value & 0xFFFF);
    }

    @Override
    public void setValue(byte[] bytes) {
        setValue(((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF));
    }
}
