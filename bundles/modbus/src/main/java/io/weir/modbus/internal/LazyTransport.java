package io.weir.modbus.internal;

import java.util.function.Supplier;

/** Opens the real link on first use, so a device whose profile is unusable never opens one. */
final class LazyTransport implements ModbusTransport {

    private final Supplier<ModbusTransport> opener;
    private ModbusTransport link;

    LazyTransport(Supplier<ModbusTransport> opener) {
        this.opener = opener;
    }

    private ModbusTransport link() {
        if (link == null) {
            link = opener.get();
        }
        return link;
    }

    @Override
    public ReadResult readCoils(int unitId, int address, int count) {
        return link().readCoils(unitId, address, count);
    }

    @Override
    public ReadResult readDiscreteInputs(int unitId, int address, int count) {
        return link().readDiscreteInputs(unitId, address, count);
    }

    @Override
    public ReadResult readHoldingRegisters(int unitId, int address, int count) {
        return link().readHoldingRegisters(unitId, address, count);
    }

    @Override
    public ReadResult readInputRegisters(int unitId, int address, int count) {
        return link().readInputRegisters(unitId, address, count);
    }

    @Override
    public void close() {
        if (link != null) {
            link.close();
        }
    }
}
