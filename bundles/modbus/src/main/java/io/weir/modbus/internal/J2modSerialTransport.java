package io.weir.modbus.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.io.ModbusSerialTransaction;
import com.ghgande.j2mod.modbus.io.ModbusTransaction;
import com.ghgande.j2mod.modbus.net.SerialConnection;
import com.ghgande.j2mod.modbus.util.SerialParameters;

/** Modbus RTU on a serial line, through j2mod and jSerialComm; every unit on the line shares it. */
final class J2modSerialTransport extends J2modLink {

    private final SerialSettings settings;
    private SerialConnection connection;

    J2modSerialTransport(SerialSettings settings, int timeoutMillis, Backoff backoff, Clock clock) {
        super(timeoutMillis, backoff, clock);
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    String describe() {
        return settings.toString();
    }

    @Override
    boolean isOpen() {
        return connection != null;
    }

    @Override
    void open(int timeoutMillis) throws Exception {
        var parameters = new SerialParameters();
        parameters.setPortName(settings.port());
        parameters.setBaudRate(settings.baudRate());
        parameters.setDatabits(settings.dataBits());
        parameters.setParity(settings.parity().substring(0, 1).toUpperCase() + settings.parity().substring(1));
        parameters.setStopbits(settings.stopBits());
        parameters.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        parameters.setEcho(false);
        var c = new SerialConnection(parameters);
        c.setTimeout(timeoutMillis);
        c.open();
        if (!c.isOpen()) {
            c.close();
            throw new IOException("serial port " + settings.port() + " did not open");
        }
        connection = c;
    }

    @Override
    ModbusTransaction transaction() {
        return new ModbusSerialTransaction(connection);
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
