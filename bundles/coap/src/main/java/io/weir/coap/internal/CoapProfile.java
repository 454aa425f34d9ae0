package io.weir.coap.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A CoAP device model: which SenML records become which channels (the JSON the site bundle writes from
 * {@code profiles/coap/<id>.yaml}).
 *
 * @param id        profile id
 * @param points    the channels, names unique
 * @param tiltAngle the point holding the cover's tilt angle, from which the gateway derives
 *                  {@value #TILT_DEVIATION} against a stored baseline; null when the device has none
 */
record CoapProfile(String id, List<SenmlPoint> points, String tiltAngle) {

    /** |angle - baseline|, the channel threshold rules watch for a lifted or displaced cover. */
    static final String TILT_DEVIATION = "tilt_deviation";
    /** True on every accepted report; a fault rule's no-data check on it turns a silent device into a FAULT. */
    static final String HEARTBEAT = "heartbeat";

    @JsonCreator
    CoapProfile(@JsonProperty("id") String id, @JsonProperty("points") List<SenmlPoint> points,
                @JsonProperty("tiltAngle") String tiltAngle) {
        Objects.requireNonNull(id, "id");
        if (points == null || points.isEmpty()) {
            throw new IllegalArgumentException("profile " + id + " has no points");
        }
        points = List.copyOf(points);
        tiltAngle = tiltAngle == null || tiltAngle.isEmpty() ? null : tiltAngle;
        var names = new HashSet<String>();
        for (SenmlPoint p : points) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("profile " + id + ": point name " + p.name() + " is repeated");
            }
            if (p.name().equals(TILT_DEVIATION) || p.name().equals(HEARTBEAT)) {
                throw new IllegalArgumentException("profile " + id + ": point name " + p.name()
                        + " is reserved for the channel the gateway derives");
            }
        }
        if (tiltAngle != null && !names.contains(tiltAngle)) {
            throw new IllegalArgumentException("profile " + id + ": tiltAngle " + tiltAngle + " is not a point");
        }
        this.id = id;
        this.points = points;
        this.tiltAngle = tiltAngle;
    }

    Optional<SenmlPoint> pointFor(String resolvedName) {
        return points.stream().filter(p -> p.matches(resolvedName)).findFirst();
    }

    /** Every channel name the device has: its points, the derived tilt deviation, the heartbeat. */
    List<String> channelNames() {
        var names = new java.util.ArrayList<String>();
        points.forEach(p -> names.add(p.name()));
        if (tiltAngle != null) {
            names.add(TILT_DEVIATION);
        }
        names.add(HEARTBEAT);
        return List.copyOf(names);
    }

    String unitOf(String channel) {
        if (channel.equals(TILT_DEVIATION)) {
            return unitOf(tiltAngle);
        }
        return points.stream().filter(p -> p.name().equals(channel)).map(SenmlPoint::unit).findFirst().orElse("");
    }
}
