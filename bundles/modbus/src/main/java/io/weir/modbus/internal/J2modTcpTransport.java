package io.weir.modbus.internal;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Objects;

import com.ghgande.j2mod.modbus.io.ModbusTCPTransaction;
import com.ghgande.j2mod.modbus.io.ModbusTransaction;
import com.ghgande.j2mod.modbus.net.TCPMasterConnection;

/** A TCP connection to a Modbus TCP device or gateway, or to a serial device server passing RTU frames through. */
final class J2modTcpTransport extends J2modLink {

    private final String host;
    private final int port;
    private final Framing framing;
    private TCPMasterConnection connection;

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
