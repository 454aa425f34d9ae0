package io.weir.meterbus.internal;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An RS-485 line as DL/T 645 and CJ/T 188 meters use it: 2400 baud, 8 data bits, even parity, 1 stop bit unless a
 * meter's manual says otherwise. Every meter on one port must agree.
 *
 * @param port     e.g. {@code /dev/ttyUSB1}
 * @param baudRate bits per second
 * @param dataBits 7 or 8
 * @param parity   none, even or odd
 * @param stopBits 1 or 2
 */
record LineSettings(String port, int baudRate, int dataBits, String parity, int stopBits) {

    private static final Set<Integer> BAUD_RATES = Set.of(1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200);

    LineSettings {
        Objects.requireNonNull(port, "port");
        parity = parity == null ? "even" : parity.strip().toLowerCase(Locale.ROOT);
        if (port.isBlank()) {
            throw new IllegalArgumentException("serial port is missing");
        }
        if (!BAUD_RATES.contains(baudRate) || (dataBits != 7 && dataBits != 8) || (stopBits != 1 && stopBits != 2)
                || !Set.of("none", "even", "odd").contains(parity)) {
            throw new IllegalArgumentException("serial line " + port + " " + baudRate + " " + dataBits + parity
                    + stopBits + " is not a usable line setting");
        }
    }

    /** Bits a character takes on the wire: start, data, parity, stop. */
    int bitsPerCharacter() {
        return 1 + dataBits + ("none".equals(parity) ? 0 : 1) + stopBits;
    }

    @Override
    public String toString() {
        return port + " " + baudRate + " " + dataBits + Character.toUpperCase(parity.charAt(0)) + stopBits;
    }
}
