package io.weir.modbus.internal;

import java.util.concurrent.atomic.AtomicInteger;

/** Answers every transaction with the same result; {@code reads} counts writes too. */
final class FakeTransport implements ModbusTransport {

    volatile ReadResult answer;
    volatile boolean closed;
    final AtomicInteger reads = new AtomicInteger();

    FakeTransport(ReadResult answer) {
        this.answer = answer;
    }

    @Override
    public ReadResult readCoils(int unitId, int address, int count) {
        reads.incrementAndGet();
        return answer;
    }

    @Override
    public ReadResult readDiscreteInputs(int unitId, int address, int count) {
        reads.incrementAndGet();
        return answer;
    }

    @Override
    public ReadResult readHoldingRegisters(int unitId, int address, int count) {
        reads.incrementAndGet();
        return answer;
    }

    @Override
    public ReadResult readInputRegisters(int unitId, int address, int count) {
        reads.incrementAndGet();
        return answer;
    }

    @Override
    public ReadResult writeSingleCoil(int unitId, int address, boolean value) {
        reads.incrementAndGet();
        return answer;
    }

    @Override
    public ReadResult writeMultipleCoils(int unitId, int address, boolean[] values) {
        reads.incrementAndGet();
        return answer;
    }

    @Override
    public ReadResult writeSingleRegister(int unitId, int address, int value) {
        reads.incrementAndGet();
        return answer;
    }

    @Override
    public ReadResult writeMultipleRegisters(int unitId, int address, int[] values) {
        reads.incrementAndGet();
        return answer;
    }

    @Override
    public void close() {
        closed = true;
    }
}
