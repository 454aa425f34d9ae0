package io.weir.site.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * One CoAP device of the site.
 *
 * @param id             unique among all the site's devices; the device level of channel names
 * @param profile        its CoAP profile
 * @param identity       its PSK identity
 * @param key            its pre-shared key; never in {@link #toString()}, never in a problem message
 * @param reportInterval how often it reports at the least
 * @param tiltAlarm      degrees of |tilt - baseline| that raise the cover alarm; NaN when the profile has no tilt
 * @param line           the line of its entry in the site file, for problems found later
 */
public record CoapDevice(String id, CoapProfile profile, String identity, byte[] key, Duration reportInterval,
                         double tiltAlarm, int line) {

    public CoapDevice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(identity, "identity");
        key = key.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoapDevice d && id.equals(d.id) && profile.equals(d.profile) && identity.equals(d.identity)
                && java.util.Arrays.equals(key, d.key) && reportInterval.equals(d.reportInterval)
                && Double.compare(tiltAlarm, d.tiltAlarm) == 0;
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "CoapDevice[" + id + ", identity " + identity + ", profile " + profile.id() + "]";
    }
}
