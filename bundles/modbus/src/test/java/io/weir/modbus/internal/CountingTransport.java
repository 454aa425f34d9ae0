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
