package io.weir.modbus.internal;

import java.time.Instant;
import java.util.SortedSet;

/** A transport that passes every transaction to another one, chosen by {@link #target()} at each call. */
abstract class DelegatingTransport implements ModbusTransport {

    /** The transport this transaction goes to. */
    protected abstract ModbusTransport target();

    @Override
    public ReadResult readCoils(int unitId, int address, int count) {
        return target().readCoils(unitId, address, count);
    }

    @Override
    public ReadResult readDiscreteInputs(int unitId, int address, int count) {
        return target().readDiscreteInputs(unitId, address, count);
    }

    @Override
    public ReadResult readHoldingRegisters(int unitId, int address, int count) {
        return target().readHoldingRegisters(unitId, address, count);
    }

    @Override
    public ReadResult readInputRegisters(int unitId, int address, int count) {
        return target().readInputRegisters(unitId, address, count);
    }

    @Override
    public ReadResult writeSingleCoil(int unitId, int address, boolean value) {
        return target().writeSingleCoil(unitId, address, value);
    }

    @Override
    public ReadResult writeMultipleCoils(int unitId, int address, boolean[] values) {
        return target().writeMultipleCoils(unitId, address, values);
    }

    @Override
    public ReadResult writeSingleRegister(int unitId, int address, int value) {
        return target().writeSingleRegister(unitId, address, value);
    }

    @Override
    public ReadResult writeMultipleRegisters(int unitId, int address, int[] values) {
        return target().writeMultipleRegisters(unitId, address, values);
    }

    @Override
    public SortedSet<Integer> unitsAnsweredSince(Instant since) {
        return target().unitsAnsweredSince(since);
    }
}
