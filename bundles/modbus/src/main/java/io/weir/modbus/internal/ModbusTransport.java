package io.weir.modbus.internal;

/**
 * Reads registers and bits from one Modbus device link. Implementations never throw for a failed read: every failure comes
 * back as a {@link ReadResult}, so the poller handles them all in one place. Not safe for concurrent use; one
 * poller thread owns a transport.
 */
interface ModbusTransport extends AutoCloseable {

    /** Function 01: {@code count} coils (at most 2000), answered as {@link ReadResult.Bits}. */
    ReadResult readCoils(int unitId, int address, int count);

    /** Function 02: {@code count} discrete inputs (at most 2000), answered as {@link ReadResult.Bits}. */
    ReadResult readDiscreteInputs(int unitId, int address, int count);

    /** Function 03. */
    ReadResult readHoldingRegisters(int unitId, int address, int count);

    /** Function 04. */
    ReadResult readInputRegisters(int unitId, int address, int count);

    /**
     * This link as one device sees it: requests wait at most {@code timeoutMillis} for an answer, and closing the
     * view leaves the shared link open. Links without a per-request timeout return themselves.
     */
    default ModbusTransport withTimeout(int timeoutMillis) {
        return this;
    }

    /** Releases the link; a later read may open it again. */
    @Override
    void close();
}
