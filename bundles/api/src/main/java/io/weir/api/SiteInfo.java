package io.weir.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who and where a gateway is.
 *
 * @param gatewayId   unique id of the gateway; one MQTT topic level
 * @param stationCode the station's code in the hydrological or city-operations register
 * @param name        human-readable station name
 * @param latitude    WGS-84 degrees
 * @param longitude   WGS-84 degrees
 */
public record SiteInfo(String gatewayId, String stationCode, String name, double latitude, double longitude) {

    private static final Pattern GATEWAY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public SiteInfo {
        Objects.requireNonNull(gatewayId, "gatewayId");
        Objects.requireNonNull(stationCode, "stationCode");
        Objects.requireNonNull(name, "name");
        if (!GATEWAY_ID.matcher(gatewayId).matches()) {
            throw new IllegalArgumentException("gateway id '" + gatewayId + "' must match " + GATEWAY_ID);
        }
        if (latitude < -90 || latitude > 90) {
            throw new IllegalArgumentException("latitude " + latitude + " is outside -90..90");
        }
        if (longitude < -180 || longitude > 180) {
            throw new IllegalArgumentException("longitude " + longitude + " is outside -180..180");
        }
    }
}
