package io.weir.modbus.internal;

import java.time.Instant;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads and writes registers and bits over one Modbus device link. Implementations never throw for a failed
 * transaction: every failure comes back as a {@link ReadResult}, so callers handle them all in one place. Not safe
 * for concurrent use; one endpoint thread owns a transport.
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

    /** Function 05: one coil; {@link ReadResult.Written} when the device echoed the request. */
    ReadResult writeSingleCoil(int unitId, int address, boolean value);

    /** Function 15: consecutive coils from {@code address}. */
    ReadResult writeMultipleCoils(int unitId, int address, boolean[] values);

    /** Function 06: one holding register (0..65535). */
    ReadResult writeSingleRegister(int unitId, int address, int value);

    /** Function 16: consecutive holding registers from {@code address} (each 0..65535, at most 123). */
    ReadResult writeMultipleRegisters(int unitId, int address, int[] values);

    /**
     * This link as one device sees it: requests wait at most {@code timeoutMillis} for an answer, and closing the
     * view leaves the shared link open. Links without a per-request timeout return themselves.
     */
    default ModbusTransport withTimeout(int timeoutMillis) {
        return this;
    }

    /**
     * This link as a commissioning command sees it: like {@link #withTimeout}, and on a serial port opened with
     * other line settings ({@code line}'s baud rate, data bits, parity and stop bits) while the command's requests
     * run; the devices' own settings come back with their next request. Links without line settings ignore them.
     */
    default ModbusTransport onLine(SerialSettings line, int timeoutMillis) {
        return withTimeout(timeoutMillis);
    }

    /** The units that answered on the shared link since {@code since}; empty when the link does not tell. */
    default SortedSet<Integer> unitsAnsweredSince(Instant since) {
        return new TreeSet<>();
    }

    /** Releases the link; a later transaction may open it again. */
    @Override
    void close();
}
