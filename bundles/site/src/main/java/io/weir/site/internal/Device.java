package io.weir.site.internal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.weir.api.profile.DeviceProfile;

/**
 * One Modbus TCP device of the site.
 *
 * @param id           unique in the site; the device level of channel names
 * @param profile      its register map, addresses zero-based
 * @param host         host name or IP address
 * @param port         TCP port
 * @param unitId       Modbus unit id, 1..247
 * @param pollInterval time between polls, at least {@link #MIN_POLL_INTERVAL}
 */
public record Device(String id, DeviceProfile profile, String host, int port, int unitId, Duration pollInterval,
                     String transport, SerialLine serial) {

    /** Shorter intervals only flood the bus: a 10-register read takes ~45 ms at 9600 baud; the bus is the limit. */
    public static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(100);

    /**
     * How frames travel to the device: Modbus TCP, RTU frames tunnelled through TCP (serial device servers), or RTU
     * on the gateway's own serial port.
     */
    public static final List<String> TRANSPORTS = List.of("tcp", "rtu-over-tcp", "rtu");
    static final String SERIAL = "rtu";

    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (!TRANSPORTS.contains(transport)) {
            throw new IllegalArgumentException("transport " + transport + " is not one of " + TRANSPORTS);
        }
        if (SERIAL.equals(transport) ? serial == null : host == null) {
            throw new IllegalArgumentException("device " + id + ": transport " + transport + " needs "
                    + (SERIAL.equals(transport) ? "a serial line" : "a host"));
        }
    }
}
