package io.weir.site.internal;

import java.util.List;
import java.util.Objects;

/**
 * The serial line a Modbus RTU device hangs on, as the site file gives it.
 *
 * @param port     e.g. {@code /dev/ttyUSB0}
 * @param baudRate bits per second
 * @param dataBits 7 or 8
 * @param parity   none, even or odd
 * @param stopBits 1 or 2
 */
public record SerialLine(String port, int baudRate, int dataBits, String parity, int stopBits) {

    static final List<Integer> BAUD_RATES = List.of(1200, 2400, 4800, 9600, 14400, 19200, 38400, 57600, 115200);
    static final List<String> PARITIES = List.of("none", "even", "odd");

    public SerialLine {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(parity, "parity");
    }
}
