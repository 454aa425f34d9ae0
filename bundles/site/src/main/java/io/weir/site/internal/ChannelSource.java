package io.weir.site.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.weir.api.profile.DeviceProfile;
import io.weir.api.profile.Point;

/**
 * What a device named in the site file offers to rules, whatever brings its readings in (a Modbus profile, a GPIO
 * input, a CoAP sensor): its points and their units.
 *
 * @param describedAs how problems name it, e.g. {@code profile 'hlk-ld8001h'}
 * @param units       point name to unit ("" when none), in the device's order
 */
record ChannelSource(String describedAs, Map<String, String> units) {

    ChannelSource {
        units = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(units));
    }

    static ChannelSource of(DeviceProfile profile) {
        var units = new LinkedHashMap<String, String>();
        for (Point point : profile.points()) {
            units.put(point.name(), point.unit());
        }
        return new ChannelSource("profile '" + profile.id() + "'", units);
    }
}
