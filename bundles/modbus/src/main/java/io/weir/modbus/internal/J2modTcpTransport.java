package io.weir.modbus.internal;

import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.io.ModbusTCPTransaction;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersResponse;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.net.TCPMasterConnection;
import com.ghgande.j2mod.modbus.procimg.InputRegister;

import io.weir.modbus.internal.ReadResult.CommFailure;
import io.weir.modbus.internal.ReadResult.CommFailure.Kind;

/**
 * Modbus TCP through j2mod, one connection shared by every unit behind the endpoint. After an I/O error or a
 * timeout the connection is dropped (a late answer must not be taken for the next request's) and opened again on
 * the next request. Only a failed connect backs the endpoint off: a gateway that cannot be reached costs one
 * connect attempt per backoff period, while one dead unit behind a live gateway is left to its device's own
 * backoff and does not cut its neighbours off.
 */
final class J2modTcpTransport implements ModbusTransport {

    private final String host;
    private final int port;
    private final Framing framing;
    private int timeoutMillis;
    private final Backoff backoff;
    private final Clock clock;
    private TCPMasterConnection connection;
    private String lastFailure = "";

    J2modTcpTransport(String host, int port, int timeoutMillis, Backoff backoff, Clock clock) {
        this(host, port, Framing.TCP, timeoutMillis, backoff, clock);
    }

    J2modTcpTransport(String host, int port, Framing framing, int timeoutMillis, Backoff backoff, Clock clock) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.framing = Objects.requireNonNull(framing, "framing");
        this.timeoutMillis = timeoutMillis;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ReadResult readHoldingRegisters(int unitId, int address, int count) {
        return read(new ReadMultipleRegistersRequest(address, count), unitId, count);
    }

    @Override
    public ReadResult readInputRegisters(int unitId, int address, int count) {
        return read(new ReadInputRegistersRequest(address, count), unitId, count);
    }

    @Override
    public ModbusTransport withTimeout(int deviceTimeoutMillis) {
        var shared = this;
        return new ModbusTransport() {
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
                // the endpoint closes the shared connection when its last device is gone
            }
        };
    }

    private void useTimeout(int millis) {
        if (millis != timeoutMillis) {
            timeoutMillis = millis;
            if (connection != null) {
                connection.setTimeout(millis);
            }
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    private ReadResult read(ModbusRequest request, int unitId, int count) {
        if (connection == null) {
            if (!backoff.mayAttempt(clock.instant())) {
                return new CommFailure(Kind.IO, "not reconnecting to " + host + ":" + port + " before "
                        + backoff.nextAttempt() + "; last failure: " + lastFailure);
            }
            ReadResult failed = connect();
            if (failed != null) {
                return failed;
            }
        }
        request.setUnitID(unitId);
        var transaction = new ModbusTCPTransaction(connection);
        transaction.setRequest(request);
        // One try per poll: retrying inside j2mod would sleep on the poll thread and hammer a failing device.
        transaction.setRetries(1);
        try {
            transaction.execute();
        } catch (ModbusSlaveException e) {
            backoff.succeeded();
            return new ReadResult.DeviceException(e.getType());
        } catch (ModbusException e) {
            return dropConnection(kindOf(e), e.getMessage());
        } catch (RuntimeException e) {
            // j2mod surfaces some malformed frames as unchecked exceptions
            return dropConnection(Kind.IO, e.toString());
        }
        InputRegister[] registers = registersOf(transaction.getResponse());
        if (registers == null) {
            return dropConnection(Kind.IO, "unexpected answer " + transaction.getResponse());
        }
        backoff.succeeded();
        int n = Math.min(count, registers.length);
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = registers[i].toUnsignedShort();
        }
        return new ReadResult.Registers(values);
    }

    private ReadResult connect() {
        TCPMasterConnection c = null;
        try {
            // resolved on each connect: a name that did not resolve at start-up may later
            c = new TCPMasterConnection(InetAddress.getByName(host));
            c.setPort(port);
            c.setTimeout(timeoutMillis); // both the connect and the read timeout
            c.setUseRtuOverTcp(framing == Framing.RTU_OVER_TCP);
            c.connect();
        } catch (Exception e) {
            if (c != null) {
                c.close();
            }
            backoff.failed(clock.instant());
            return dropConnection(kindOf(e), "cannot connect to " + host + ":" + port + ": " + e);
        }
        connection = c;
        return null;
    }

    private ReadResult dropConnection(Kind kind, String detail) {
        close();
        lastFailure = detail;
        return new CommFailure(kind, detail);
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
