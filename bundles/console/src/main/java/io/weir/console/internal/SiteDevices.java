package io.weir.console.internal;

import java.util.Dictionary;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which device each site-managed configuration describes, so the console can drop a device's readings when the site
 * file no longer has it: a Modbus, CoAP or meter device ({@code deviceId}), a GPIO input (its {@code channel}'s
 * device), an SL 651 station ({@code stationCode} of {@code io.weir.sl651.station}).
 */
final class SiteDevices {

    private final Map<String, String> deviceOfPid = new ConcurrentHashMap<>();
    private final LatestReadings readings;

    SiteDevices(LatestReadings readings) {
        this.readings = readings;
    }

    /** A configuration was created or changed. */
    void updated(String pid, String factoryPid, Dictionary<String, ?> properties) {
        String device = device(factoryPid, properties);
        if (device != null) {
            deviceOfPid.put(pid, device);
            readings.configured(device);
        }
    }

    /** A configuration was deleted: its device, if it had one, left the site file. */
    void deleted(String pid) {
        String device = deviceOfPid.remove(pid);
        if (device != null && !deviceOfPid.containsValue(device)) {
            readings.removed(device);
        }
    }

    private static String device(String factoryPid, Dictionary<String, ?> properties) {
        if (properties == null) {
            return null;
        }
        if (properties.get("deviceId") instanceof String id && !id.isBlank()) {
            return id;
        }
        if (properties.get("channel") instanceof String channel && channel.split("/").length == 3
                && "io.weir.gpio.input".equals(factoryPid)) {
            return channel.split("/")[1];
        }
        if ("io.weir.sl651.station".equals(factoryPid) && properties.get("stationCode") instanceof String code) {
            return code;
        }
        return null;
    }
}
