package io.weir.modbus.internal;

import java.util.ArrayList;
import java.util.List;

/** Passes requests through to a real transport and records each one, to count what the bus carried. */
final class CountingTransport implements ModbusTransport {

    private final ModbusTransport delegate;
    private final List<String> requests = new ArrayList<>();

    CountingTransport(ModbusTransport delegate) {
        this.delegate = delegate;
    }

    @Override
    public ReadResult readCoils(int unitId, int address, int count) {
        requests.add("1:" + address + "+" + count);
        return delegate.readCoils(unitId, address, count);
    }

    @Override
    public ReadResult readDiscreteInputs(int unitId, int address, int count) {
        requests.add("2:" + address + "+" + count);
        return delegate.readDiscreteInputs(unitId, address, count);
    }

    @Override
    public ReadResult readHoldingRegisters(int unitId, int address, int count) {
        requests.add("3:" + address + "+" + count);
        return delegate.readHoldingRegisters(unitId, address, count);
    }

    @Override
    public ReadResult readInputRegisters(int unitId, int address, int count) {
        requests.add("4:" + address + "+" + count);
        return delegate.readInputRegisters(unitId, address, count);
    }

    @Override
    public ReadResult writeSingleCoil(int unitId, int address, boolean value) {
        requests.add("5:" + address + "=" + value);
        return delegate.writeSingleCoil(unitId, address, value);
    }

    @Override
    public ReadResult writeMultipleCoils(int unitId, int address, boolean[] values) {
        requests.add("15:" + address + "+" + values.length);
        return delegate.writeMultipleCoils(unitId, address, values);
    }

    @Override
    public ReadResult writeSingleRegister(int unitId, int address, int value) {
        requests.add("6:" + address + "=" + value);
        return delegate.writeSingleRegister(unitId, address, value);
    }

    @Override
    public ReadResult writeMultipleRegisters(int unitId, int address, int[] values) {
        requests.add("16:" + address + "+" + values.length);
        return delegate.writeMultipleRegisters(unitId, address, values);
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    void clear() {
        requests.clear();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
