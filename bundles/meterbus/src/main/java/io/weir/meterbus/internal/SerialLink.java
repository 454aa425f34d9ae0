package io.weir.meterbus.internal;

import java.io.IOException;

import com.fazecast.jSerialComm.SerialPort;

/** The gateway's own RS-485 port, through jSerialComm; kept open while the line is used. */
final class SerialLink implements Link {

    private final LineSettings settings;
    private SerialPort port;

    SerialLink(LineSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open() throws IOException {
        if (port != null) {
            return;
        }
        SerialPort p = SerialPort.getCommPort(settings.port());
        int parity = switch (settings.parity()) {
            case "even" -> SerialPort.EVEN_PARITY;
            case "odd" -> SerialPort.ODD_PARITY;
            default -> SerialPort.NO_PARITY;
        };
        p.setComPortParameters(settings.baudRate(), settings.dataBits(),
                settings.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT, parity);
        if (!p.openPort()) {
            throw new IOException("serial port " + settings.port() + " did not open");
        }
        port = p;
    }

    @Override
    public void write(byte[] frame) throws IOException {
        open();
        if (port.writeBytes(frame, frame.length) != frame.length) {
            close();
            throw new IOException("serial port " + settings.port() + " took less than the whole frame");
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, int timeoutMillis) throws IOException {
        open();
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, Math.max(1, timeoutMillis), 0);
        int n = port.readBytes(buffer, length, offset);
        if (n < 0) {
            close();
            throw new IOException("serial port " + settings.port() + " failed while reading");
        }
        return n;
    }

    @Override
    public void discardInput() {
        if (port != null) {
            port.flushIOBuffers();
        }
    }

    @Override
    public void close() {
        if (port != null) {
            port.closePort();
            port = null;
        }
    }

    @Override
    public String describe() {
        return settings.toString();
    }
}
