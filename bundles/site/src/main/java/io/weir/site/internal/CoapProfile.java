package io.weir.site.internal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A checked CoAP device profile ({@code <profiles dir>/coap/<id>.yaml}): which SenML records of the model become
 * which channels.
 *
 * @param id             the file name without .yaml
 * @param manufacturer   maker
 * @param model          model name
 * @param reportInterval the model's usual heartbeat; a site device may give its own
 * @param tiltAngle      the point holding a cover's tilt angle, or null
 * @param points         the channels
 */
public record CoapProfile(String id, String manufacturer, String model, Duration reportInterval, String tiltAngle,
                          List<CoapPoint> points) {

    /** Channels the coap bundle derives for every device (heartbeat) or for a cover (tilt deviation). */
    static final String HEARTBEAT = "heartbeat";
    static final String TILT_DEVIATION = "tilt_deviation";

    public CoapProfile {
        Objects.requireNonNull(id, "id");
        points = List.copyOf(points);
    }
}
