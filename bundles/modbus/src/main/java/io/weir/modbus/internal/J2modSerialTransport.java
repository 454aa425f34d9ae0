package io.weir.modbus.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.io.ModbusSerialTransaction;
import com.ghgande.j2mod.modbus.io.ModbusTransaction;
import com.ghgande.j2mod.modbus.net.SerialConnection;
import com.ghgande.j2mod.modbus.util.SerialParameters;

/** Modbus RTU on a serial line, through j2mod and jSerialComm; every unit on the line shares it. */
final class J2modSerialTransport extends J2modLink {

    private final SerialSettings settings;
    private final long frameGapNanos;
    private SerialConnection connection;
    private long lastFrameEnd = Long.MIN_VALUE;

    J2modSerialTransport(SerialSettings settings, int timeoutMillis, Backoff backoff, Clock clock) {
        super(timeoutMillis, backoff, clock);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.frameGapNanos = frameGapNanos(settings);
    }

    /**
     * The silence that must separate two frames on the line: 3.5 characters (start bit, data bits, parity bit if
     * any, stop bits); above 19200 baud the specification fixes it at 1.75 ms (Modbus over serial line V1.02,
     * 2.5.1.1).
     */
    static long frameGapNanos(SerialSettings s) {
        if (s.baudRate() > 19200) {
            return 1_750_000;
        }
        int bitsPerCharacter = 1 + s.dataBits() + ("none".equals(s.parity()) ? 0 : 1) + s.stopBits();
        return (long) Math.ceil(3.5 * bitsPerCharacter * 1e9 / s.baudRate());
    }

    /**
     * j2mod measures its own inter-frame wait from when the previous request went out, which has always passed by
     * the time the answer is in; so the gap after the last answer is kept here, or every unit on the line could
     * read the next request as the tail of the previous answer.
     */
    @Override
    void beforeRequest() {
        if (lastFrameEnd == Long.MIN_VALUE) {
            return;
        }
        for (long wait = lastFrameEnd + frameGapNanos - System.nanoTime(); wait > 0;
             wait = lastFrameEnd + frameGapNanos - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    @Override
    boolean survivesSilence() {
        return true;
    }

    @Override
    void afterTransaction() {
        lastFrameEnd = System.nanoTime();
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
