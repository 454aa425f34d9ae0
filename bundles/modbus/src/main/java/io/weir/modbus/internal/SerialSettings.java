package io.weir.modbus.internal;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An RS-485/RS-232 line as Modbus RTU uses it. Every device on one port must agree on these, since they share the
 * wire; 9600 8N1 is the common default of meters and gauges.
 *
 * @param port     the operating system's name for the port, e.g. {@code /dev/ttyUSB0} or {@code /dev/ttyAMA0}
 * @param baudRate bits per second
 * @param dataBits 7 or 8
 * @param parity   none, even or odd
 * @param stopBits 1 or 2
 */
record SerialSettings(String port, int baudRate, int dataBits, String parity, int stopBits) {

    private static final Set<Integer> BAUD_RATES = Set.of(1200, 2400, 4800, 9600, 14400, 19200, 38400, 57600, 115200);
    private static final Set<String> PARITIES = Set.of("none", "even", "odd");

    SerialSettings {
        Objects.requireNonNull(port, "port");
        parity = parity == null ? "" : parity.strip().toLowerCase(Locale.ROOT);
        if (port.isBlank()) {
            throw new IllegalArgumentException("serialPort is missing");
        }
        if (!BAUD_RATES.contains(baudRate)) {
            throw new IllegalArgumentException("baudRate " + baudRate + " is not one of 1200, 2400, 4800, 9600, 14400,"
                    + " 19200, 38400, 57600, 115200");
        }
        if (dataBits != 7 && dataBits != 8) {
            throw new IllegalArgumentException("dataBits " + dataBits + " is not 7 or 8");
        }
        if (!PARITIES.contains(parity)) {
            throw new IllegalArgumentException("parity '" + parity + "' is not none, even or odd");
        }
        if (stopBits != 1 && stopBits != 2) {
            throw new IllegalArgumentException("stopBits " + stopBits + " is not 1 or 2");
        }
    }

    /** As a technician writes it: {@code /dev/ttyUSB0 9600 8N1}. */
    @Override
    public String toString() {
        return port + " " + baudRate + " " + dataBits + Character.toUpperCase(parity.charAt(0)) + stopBits;
    }
}
