package io.weir.site.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One CoAP device of the site.
 *
 * @param id             unique among all the site's devices; the device level of channel names
 * @param profile        its CoAP profile
 * @param identity       its PSK identity
 * @param key            the file of its pre-shared key (the key itself stays in that file)
 * @param reportInterval how often it reports at the least
 * @param tiltAlarm      degrees of |tilt - baseline| that raise the cover alarm; NaN when the profile has no tilt
 * @param line           the line of its entry in the site file, for problems found later
 */
public record CoapDevice(String id, CoapProfile profile, String identity, Key key, Duration reportInterval,
                         double tiltAlarm, int line) {

    /**
     * A device's key file, checked.
     *
     * @param file  absolute; a secret file
     * @param hex   whether it holds the key as hexadecimal ({@code keyHexFile}) rather than as text ({@code keyFile})
     * @param stamp changes whenever the file does
     */
    public record Key(Path file, boolean hex, String stamp) {
    }

    public CoapDevice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        return "CoapDevice[" + id + ", identity " + identity + ", profile " + profile.id() + "]";
    }
}
