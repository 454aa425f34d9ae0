package io.weir.modbus.internal;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a Modbus link goes: a TCP endpoint and how frames travel through it, or a serial port and the line settings
 * to open it with. Devices on the same link share one endpoint, and so do the commissioning commands that name it.
 *
 * @param framing how frames travel
 * @param host    for the TCP framings
 * @param port    for the TCP framings
 * @param serial  for RTU on a serial port
 */
record LinkSpec(Framing framing, String host, int port, SerialSettings serial) {

    static final int DEFAULT_TCP_PORT = 502;

    LinkSpec {
        Objects.requireNonNull(framing, "framing");
        if (framing.overTcp()) {
            Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is outside 1..65535");
            }
        } else {
            Objects.requireNonNull(serial, "serial");
        }
    }

    static LinkSpec of(DeviceOptions device) {
        return new LinkSpec(device.framing(), device.host(), device.port(), device.serial());
    }

    /** The endpoint's name: {@code tcp://10.0.0.5:502}, {@code rtu-over-tcp://10.0.0.5:4001}, {@code rtu:///dev/ttyUSB0}. */
    String key() {
        return framing.overTcp() ? framing.configName() + "://" + host + ":" + port : "rtu://" + serial.port();
    }

    /**
     * A link as a technician names it: a serial port ({@code /dev/ttyUSB0}, {@code COM3}), {@code host:port} with
     * the framing given by {@code transport} (tcp unless said), or in full ({@code rtu-over-tcp://10.0.0.5:4001}).
     *
     * @param line the line settings for a serial port (its port name is replaced by the one named)
     * @throws IllegalArgumentException saying what a link looks like when {@code text} is none
     */
    static LinkSpec parse(String text, String transport, SerialSettings line) {
        String link = text == null ? "" : text.strip();
        if (link.isEmpty()) {
            throw new IllegalArgumentException("argument 'link' is missing: a serial port (/dev/ttyUSB0) or"
                    + " host:port (with transport tcp or rtu-over-tcp)");
        }
        Framing framing = transport == null || transport.isBlank() ? null : Framing.of("link " + link, transport);
        int scheme = link.indexOf("://");
        if (scheme > 0) {
            framing = Framing.of("link " + link, link.substring(0, scheme).toLowerCase(Locale.ROOT));
            link = link.substring(scheme + 3);
        }
        if (framing == Framing.RTU || (framing == null && isSerialPort(link))) {
            return new LinkSpec(Framing.RTU, null, 0, new SerialSettings(link, line.baudRate(), line.dataBits(),
                    line.parity(), line.stopBits()));
        }
        int colon = link.lastIndexOf(':');
        String host = colon < 0 ? link : link.substring(0, colon);
        int port = DEFAULT_TCP_PORT;
        if (colon >= 0) {
            try {
                port = Integer.parseInt(link.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("link '" + text + "': '" + link.substring(colon + 1)
                        + "' is not a port number");
            }
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("link '" + text + "' names no host");
        }
        return new LinkSpec(framing == null ? Framing.TCP : framing, host, port, null);
    }

    private static boolean isSerialPort(String link) {
        return link.startsWith("/") || link.toUpperCase(Locale.ROOT).matches("COM\\d+");
    }

    @Override
    public String toString() {
        return framing.overTcp() ? key() : serial.toString();
    }
}
