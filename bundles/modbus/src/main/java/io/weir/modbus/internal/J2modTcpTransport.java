package io.weir.modbus.internal;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Objects;

import com.ghgande.j2mod.modbus.io.ModbusTCPTransaction;
import com.ghgande.j2mod.modbus.io.ModbusTransaction;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.net.TCPMasterConnection;

import io.weir.modbus.internal.ReadResult.CommFailure.Kind;

/** A TCP connection to a Modbus TCP device or gateway, or to a serial device server passing RTU frames through. */
final class J2modTcpTransport extends J2modLink {

    private final String host;
    private final int port;
    private final Framing framing;
    private TCPMasterConnection connection;
    private int nextTransactionId;

    J2modTcpTransport(String host, int port, int timeoutMillis, Backoff backoff, Clock clock) {
        this(host, port, Framing.TCP, timeoutMillis, backoff, clock);
    }

    J2modTcpTransport(String host, int port, Framing framing, int timeoutMillis, Backoff backoff, Clock clock) {
        super(timeoutMillis, backoff, clock);
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.framing = Objects.requireNonNull(framing, "framing");
    }

    @Override
    String describe() {
        return host + ":" + port;
    }

    @Override
    boolean isOpen() {
        return connection != null;
    }

    @Override
    void open(int timeoutMillis) throws Exception {
        TCPMasterConnection c = null;
        try {
            // resolved on each connect: a name that did not resolve at start-up may later
            c = new TCPMasterConnection(InetAddress.getByName(host));
            c.setPort(port);
            c.setTimeout(timeoutMillis); // both the connect and the read timeout
            c.setUseRtuOverTcp(framing == Framing.RTU_OVER_TCP);
            c.setModbusTransport(PatientTcpTransports.of(framing));
            c.connect();
        } catch (Exception e) {
            if (c != null) {
                c.close();
            }
            throw e;
        }
        connection = c;
    }

    @Override
    ModbusTransaction transaction() {
        return new ModbusTCPTransaction(connection);
    }

    /**
     * Every request gets its own transaction id: j2mod reuses the last one after a request that timed out, which
     * would make that request's late answer look like the next one's.
     */
    @Override
    void prepare(ModbusRequest request) {
        nextTransactionId = nextTransactionId % 0xFFFF + 1;
        request.setTransactionID(nextTransactionId);
    }

    /**
     * A connection stays open when a unit does not answer in time: its late answer is recognised and skipped (see
     * {@link AnswerReader}), so a bus scan of 247 units, most of them absent, uses one connection instead of one
     * per silent unit. A garbled answer drops it, since what follows it cannot be trusted.
     */
    @Override
    boolean keepsLinkAfter(Kind failure) {
        return failure == Kind.TIMEOUT;
    }

    @Override
    void applyTimeout(int timeoutMillis) {
        connection.setTimeout(timeoutMillis);
    }

    @Override
    void closeLink() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
