package io.weir.coap.internal;

import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One channel of a CoAP device and the SenML records that feed it.
 *
 * @param name      channel name, the last part of {@code station/device/channel}
 * @param senml     the SenML record name, matched against the resolved name (base name + name) either whole or as
 *                  its last part after a ':', '/' or '.' (so {@code bn: "urn:dev:imei:86...:"} + {@code n: "tilt"}
 *                  matches {@code tilt})
 * @param unit      the channel's engineering unit
 * @param senmlUnit the unit the device's records carry; a record with another unit is refused as CONFIG_ERROR.
 *                  Empty: any or none
 * @param scale     channel value = record value * scale + offset
 * @param offset    see scale
 */
record SenmlPoint(String name, String senml, String unit, String senmlUnit, double scale, double offset) {

    static final Pattern NAME = Pattern.compile("[a-z0-9_]+");

    @JsonCreator
    static SenmlPoint of(@JsonProperty("name") String name, @JsonProperty("senml") String senml,
                         @JsonProperty("unit") String unit, @JsonProperty("senmlUnit") String senmlUnit,
                         @JsonProperty("scale") Double scale, @JsonProperty("offset") Double offset) {
        return new SenmlPoint(name, senml, unit, senmlUnit, scale == null ? 1 : scale, offset == null ? 0 : offset);
    }

    SenmlPoint {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("point name '" + name + "' is not [a-z0-9_]+");
        }
        if (senml == null || senml.isEmpty()) {
            throw new IllegalArgumentException("point " + name + " has no senml name");
        }
        unit = unit == null ? "" : unit;
        senmlUnit = senmlUnit == null ? "" : senmlUnit;
        if (scale == 0 || !Double.isFinite(scale) || !Double.isFinite(offset)) {
            throw new IllegalArgumentException("point " + name + ": scale must be finite and non-zero, offset finite");
        }
    }

    /** Whether a resolved SenML name is this point's: the whole name, or its last part after ':', '/' or '.'. */
    boolean matches(String resolvedName) {
        if (resolvedName.equals(senml)) {
            return true;
        }
        if (!resolvedName.endsWith(senml)) {
            return false;
        }
        char before = resolvedName.charAt(resolvedName.length() - senml.length() - 1);
        return before == ':' || before == '/' || before == '.';
    }
}
