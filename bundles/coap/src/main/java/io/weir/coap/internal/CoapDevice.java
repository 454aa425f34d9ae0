package io.weir.coap.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One registered CoAP device: who it is on the DTLS layer and what its reports mean.
 *
 * @param deviceId       the device's id in the site file; the middle part of its channel ids
 * @param stationCode    the site's station code; the first part of its channel ids
 * @param identity       its PSK identity
 * @param key            its pre-shared key; never logged, never in {@link #toString()}
 * @param profile        how its SenML records become channels
 * @param reportInterval how often it reports at the least (its heartbeat)
 */
record CoapDevice(String deviceId, String stationCode, String identity, byte[] key, CoapProfile profile,
                  Duration reportInterval) {

    static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]+");
    /** RFC 4279 allows identities up to 2^16 bytes; real devices use an IMEI or a short name. */
    static final int MAX_IDENTITY_BYTES = 128;
    static final int MIN_KEY_BYTES = 8;
    static final int MAX_KEY_BYTES = 64;

    CoapDevice {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(stationCode, "stationCode");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(reportInterval, "reportInterval");
        if (!DEVICE_ID.matcher(deviceId).matches()) {
            throw new IllegalArgumentException("device id '" + deviceId + "' is not [A-Za-z0-9_-]+");
        }
        if (identity == null || identity.isEmpty()
                || identity.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_IDENTITY_BYTES) {
            throw new IllegalArgumentException("device " + deviceId + ": identity must be 1.." + MAX_IDENTITY_BYTES
                    + " bytes");
        }
        if (key == null || key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("device " + deviceId + ": key must be " + MIN_KEY_BYTES + ".."
                    + MAX_KEY_BYTES + " bytes, is " + (key == null ? "missing" : key.length + " bytes"));
        }
        key = key.clone();
        if (reportInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("device " + deviceId + ": report interval below 1 s");
        }
    }

    String channel(String name) {
        return stationCode + "/" + deviceId + "/" + name;
    }

    /** Same identity, key and meaning: a configuration update that changes none of these needs no re-handshake. */
    boolean sameKey(CoapDevice other) {
        return other != null && identity.equals(other.identity) && Arrays.equals(key, other.key);
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoapDevice d && deviceId.equals(d.deviceId) && stationCode.equals(d.stationCode)
                && identity.equals(d.identity) && Arrays.equals(key, d.key) && profile.equals(d.profile)
                && reportInterval.equals(d.reportInterval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, identity);
    }

    @Override
    public String toString() {
        return "CoapDevice[" + deviceId + ", identity " + identity + ", profile " + profile.id() + "]";
    }
}
