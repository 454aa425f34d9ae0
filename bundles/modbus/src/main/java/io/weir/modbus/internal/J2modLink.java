package io.weir.modbus.internal;

import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.io.ModbusTransaction;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ReadCoilsRequest;
import com.ghgande.j2mod.modbus.msg.ReadCoilsResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesResponse;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersResponse;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.util.BitVector;

import io.weir.modbus.internal.ReadResult.CommFailure;
import io.weir.modbus.internal.ReadResult.CommFailure.Kind;

/**
 * A j2mod link shared by every unit on it (a TCP connection, a serial port). After an I/O error or a timeout the
 * link is dropped (a late answer must not be taken for the next request's) and opened again on the next request.
 * Only a failed open backs the link off: a gateway or port that cannot be reached costs one attempt per backoff
 * period, while one dead unit on a live link is left to its device's own backoff and does not cut its neighbours
 * off.
 */
abstract class J2modLink implements ModbusTransport {

    private final Backoff backoff;
    private final Clock clock;
    private int timeoutMillis;
    private String lastFailure = "";

    J2modLink(int timeoutMillis, Backoff backoff, Clock clock) {
        this.timeoutMillis = timeoutMillis;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Where the link goes, for messages. */
    abstract String describe();

    abstract boolean isOpen();

    /** Opens the link with the current timeout; throws when it cannot. */
    abstract void open(int timeoutMillis) throws Exception;

    /** A transaction on the open link. */
    abstract ModbusTransaction transaction();

    abstract void applyTimeout(int timeoutMillis);

    abstract void closeLink();

    @Override
    public final ReadResult readCoils(int unitId, int address, int count) {
        return read(new ReadCoilsRequest(address, count), unitId, count);
    }

    @Override
    public final ReadResult readDiscreteInputs(int unitId, int address, int count) {
        return read(new ReadInputDiscretesRequest(address, count), unitId, count);
    }

    @Override
    public final ReadResult readHoldingRegisters(int unitId, int address, int count) {
        return read(new ReadMultipleRegistersRequest(address, count), unitId, count);
    }

    @Override
    public final ReadResult readInputRegisters(int unitId, int address, int count) {
        return read(new ReadInputRegistersRequest(address, count), unitId, count);
    }

    @Override
    public ModbusTransport withTimeout(int deviceTimeoutMillis) {
        var shared = this;
        return new ModbusTransport() {
            @Override
            public ReadResult readCoils(int unitId, int address, int count) {
                shared.useTimeout(deviceTimeoutMillis);
                return shared.readCoils(unitId, address, count);
            }

            @Override
            public ReadResult readDiscreteInputs(int unitId, int address, int count) {
                shared.useTimeout(deviceTimeoutMillis);
                return shared.readDiscreteInputs(unitId, address, count);
            }

            @Override
            public ReadResult readHoldingRegisters(int unitId, int address, int count) {
                shared.useTimeout(deviceTimeoutMillis);
                return shared.readHoldingRegisters(unitId, address, count);
            }

            @Override
            public ReadResult readInputRegisters(int unitId, int address, int count) {
                shared.useTimeout(deviceTimeoutMillis);
                return shared.readInputRegisters(unitId, address, count);
            }

            @Override
            public void close() {
                // the endpoint closes the shared link when its last device is gone
            }
        };
    }

    private void useTimeout(int millis) {
        if (millis != timeoutMillis) {
            timeoutMillis = millis;
            if (isOpen()) {
                applyTimeout(millis);
            }
        }
    }

    @Override
    public final void close() {
        closeLink();
    }

    private ReadResult read(ModbusRequest request, int unitId, int count) {
        if (!isOpen()) {
            if (!backoff.mayAttempt(clock.instant())) {
                return new CommFailure(Kind.IO, "not reopening " + describe() + " before " + backoff.nextAttempt()
                        + "; last failure: " + lastFailure);
            }
            try {
                open(timeoutMillis);
            } catch (Exception e) {
                backoff.failed(clock.instant());
                return drop(kindOf(e), "cannot open " + describe() + ": " + e);
            }
        }
        request.setUnitID(unitId);
        ModbusTransaction transaction = transaction();
        transaction.setRequest(request);
        // One try per poll: retrying inside j2mod would sleep on the link's thread and hammer a failing device.
        transaction.setRetries(1);
        try {
            transaction.execute();
        } catch (ModbusSlaveException e) {
            backoff.succeeded();
            return new ReadResult.DeviceException(e.getType());
        } catch (ModbusException e) {
            return drop(kindOf(e), e.getMessage());
        } catch (RuntimeException e) {
            // j2mod surfaces some malformed frames as unchecked exceptions
            return drop(Kind.IO, e.toString());
        }
        BitVector bits = bitsOf(transaction.getResponse());
        if (bits != null) {
            backoff.succeeded();
            // the answer is padded to whole bytes; a short answer gives fewer bits, which the poller rejects
            int n = Math.min(count, bits.size());
            boolean[] values = new boolean[n];
            for (int i = 0; i < n; i++) {
                values[i] = bits.getBit(i);
            }
            return new ReadResult.Bits(values);
        }
        InputRegister[] registers = registersOf(transaction.getResponse());
        if (registers == null) {
            return drop(Kind.IO, "unexpected answer " + transaction.getResponse());
        }
        backoff.succeeded();
        int n = Math.min(count, registers.length);
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = registers[i].toUnsignedShort();
        }
        return new ReadResult.Registers(values);
    }

    private ReadResult drop(Kind kind, String detail) {
        closeLink();
        lastFailure = detail;
        return new CommFailure(kind, detail);
    }

    private static BitVector bitsOf(ModbusResponse response) {
        if (response instanceof ReadCoilsResponse r) {
            return r.getCoils();
        }
        if (response instanceof ReadInputDiscretesResponse r) {
            return r.getDiscretes();
        }
        return null;
    }

    private static InputRegister[] registersOf(ModbusResponse response) {
        if (response instanceof ReadMultipleRegistersResponse r) {
            return r.getRegisters();
        }
        if (response instanceof ReadInputRegistersResponse r) {
            return r.getRegisters();
        }
        return null;
    }

    // j2mod reports a read timeout only in the message of a ModbusIOException, without the cause.
    private static Kind kindOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof SocketTimeoutException || message.contains("timeout") || message.contains("timed out")) {
                return Kind.TIMEOUT;
            }
        }
        return Kind.IO;
    }
}
