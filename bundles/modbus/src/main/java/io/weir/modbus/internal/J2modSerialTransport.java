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

import io.weir.modbus.internal.ReadResult.CommFailure.Kind;

/** Modbus RTU on a serial line, through j2mod and jSerialComm; every unit on the line shares it. */
final class J2modSerialTransport extends J2modLink {

    private volatile SerialSettings deviceLine; // what the devices on the port use
    private SerialSettings line; // what the port is open with, or opens with next; only the link's thread
    private long frameGapNanos;
    private SerialConnection connection;
    private long lastFrameEnd = Long.MIN_VALUE;

    J2modSerialTransport(SerialSettings settings, int timeoutMillis, Backoff backoff, Clock clock) {
        super(timeoutMillis, backoff, clock);
        this.deviceLine = Objects.requireNonNull(settings, "settings");
        this.line = settings;
        this.frameGapNanos = frameGapNanos(settings);
    }

    /** The settings of the devices on the port, once the first device joins a port a command opened. */
    void useDeviceLine(SerialSettings settings) {
        deviceLine = Objects.requireNonNull(settings, "settings");
    }

    /**
     * A request at other line settings (a scan trying baud rates and parities) reopens the port with them; the next
     * device request reopens it with the devices' own. Reopening a port costs milliseconds, far less than a poll.
     */
    @Override
    void useLine(SerialSettings wanted) {
        SerialSettings next = wanted == null ? deviceLine : wanted;
        if (!next.equals(line)) {
            closeLink();
            line = next;
            frameGapNanos = frameGapNanos(next);
            lastFrameEnd = Long.MIN_VALUE;
        }
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

    /**
     * A serial port stays open after a silent or garbled answer: j2mod discards what is waiting in its input before
     * every request, and closing the port would cut every other unit on the bus off.
     */
    @Override
    boolean keepsLinkAfter(Kind failure) {
        return failure == Kind.TIMEOUT || failure == Kind.FRAMING;
    }

    @Override
    void afterTransaction() {
        lastFrameEnd = System.nanoTime();
    }

    @Override
    String describe() {
        return line.toString();
    }

    @Override
    boolean isOpen() {
        return connection != null;
    }

    @Override
    void open(int timeoutMillis) throws Exception {
        var parameters = new SerialParameters();
        SerialSettings settings = line;
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
