package io.weir.modbus.internal;

import java.time.Instant;
import java.util.SortedSet;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** A device's view of its link that records every transaction in the device's {@link DeviceDiagnostics}. */
final class MeasuredTransport implements ModbusTransport {

    private final ModbusTransport link;
    private final DeviceDiagnostics diagnostics;
    private final LongSupplier nanoTime;

    MeasuredTransport(ModbusTransport link, DeviceDiagnostics diagnostics, LongSupplier nanoTime) {
        this.link = link;
        this.diagnostics = diagnostics;
        this.nanoTime = nanoTime;
    }

    private ReadResult measured(Supplier<ReadResult> transaction, boolean write) {
        long start = nanoTime.getAsLong();
        ReadResult result = transaction.get();
        diagnostics.record(result, (nanoTime.getAsLong() - start) / 1000, write);
        return result;
    }

    @Override
    public ReadResult readCoils(int unitId, int address, int count) {
        return measured(() -> link.readCoils(unitId, address, count), false);
    }

    @Override
    public ReadResult readDiscreteInputs(int unitId, int address, int count) {
        return measured(() -> link.readDiscreteInputs(unitId, address, count), false);
    }

    @Override
    public ReadResult readHoldingRegisters(int unitId, int address, int count) {
        return measured(() -> link.readHoldingRegisters(unitId, address, count), false);
    }

    @Override
    public ReadResult readInputRegisters(int unitId, int address, int count) {
        return measured(() -> link.readInputRegisters(unitId, address, count), false);
    }

    @Override
    public ReadResult writeSingleCoil(int unitId, int address, boolean value) {
        return measured(() -> link.writeSingleCoil(unitId, address, value), true);
    }

    @Override
    public ReadResult writeMultipleCoils(int unitId, int address, boolean[] values) {
        return measured(() -> link.writeMultipleCoils(unitId, address, values), true);
    }

    @Override
    public ReadResult writeSingleRegister(int unitId, int address, int value) {
        return measured(() -> link.writeSingleRegister(unitId, address, value), true);
    }

    @Override
    public ReadResult writeMultipleRegisters(int unitId, int address, int[] values) {
        return measured(() -> link.writeMultipleRegisters(unitId, address, values), true);
    }

    @Override
    public SortedSet<Integer> unitsAnsweredSince(Instant since) {
        return link.unitsAnsweredSince(since);
    }

    @Override
    public void close() {
        link.close();
    }
}
