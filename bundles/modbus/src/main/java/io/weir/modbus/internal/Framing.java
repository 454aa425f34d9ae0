package io.weir.modbus.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How Modbus frames travel to a device. Serial device servers and 4G DTUs in transparent mode pass the RTU frames of
 * their RS-485 line through a TCP connection unchanged (unit id + PDU + CRC, no MBAP header); real Modbus TCP
 * devices and protocol-converting gateways speak MBAP; a device on the gateway's own serial port speaks RTU.
 */
enum Framing {
    /** Modbus TCP: MBAP header, no CRC. */
    TCP("tcp"),
    /** RTU frames with their CRC, tunnelled through a TCP connection. */
    RTU_OVER_TCP("rtu-over-tcp"),
    /** RTU on the gateway's own serial port. */
    RTU("rtu");

    private final String configName;

    Framing(String configName) {
        this.configName = configName;
    }

    String configName() {
        return configName;
    }

    boolean overTcp() {
        return this != RTU;
    }

    static Framing of(String deviceId, String configured) {
        for (Framing f : values()) {
            if (f.configName.equals(configured == null ? "" : configured.strip().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("device " + deviceId + ": transport '" + configured + "' is not one of "
                + Arrays.stream(values()).map(Framing::configName).collect(Collectors.joining(", ")));
    }
}
