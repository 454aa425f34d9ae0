package io.weir.modbus.internal;

import java.util.Objects;

/**
 * Names a device's channels {@code station/device/point}, as readings and rules know them.
 *
 * @param stationCode the site's station code
 * @param deviceId    the device's id in the site file
 */
record DeviceChannels(String stationCode, String deviceId) {

    DeviceChannels {
        Objects.requireNonNull(stationCode, "stationCode");
        Objects.requireNonNull(deviceId, "deviceId");
    }

    String channel(String pointName) {
        return stationCode + "/" + deviceId + "/" + pointName;
    }
}
