package io.weir.site.internal;

import java.time.Duration;
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
public record Device(String id, DeviceProfile profile, String host, int port, int unitId, Duration pollInterval) {

    /** Shorter intervals only flood the bus (see DOMAIN.md: the bus, not the CPU, is the limit). */
    public static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(100);

    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(pollInterval, "pollInterval");
    }
}
