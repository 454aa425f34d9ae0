package io.weir.coap.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Devices and profiles the tests register. */
final class Devices {

    static final String STATION = "62001200";

    static final CoapProfile COVER = new CoapProfile("nbiot-manhole-cover", List.of(
            new SenmlPoint("tilt_angle", "tilt", "deg", "deg", 1, 0),
            new SenmlPoint("battery", "bat", "%", "%", 1, 0),
            new SenmlPoint("rssi", "rssi", "dBm", "dBm", 1, 0),
            new SenmlPoint("water_level", "level", "m", "m", 1, 0),
            new SenmlPoint("ch4", "ch4", "%LEL", "", 1, 0)), "tilt_angle");

    static CoapDevice cover(String id, String key) {
        return new CoapDevice(id, STATION, id, key.getBytes(StandardCharsets.UTF_8), COVER, Duration.ofMinutes(10));
    }

    private Devices() {
    }
}
