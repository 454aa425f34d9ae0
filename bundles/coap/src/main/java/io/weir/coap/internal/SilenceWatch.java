package io.weir.coap.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.GatewayEvent;
import io.weir.api.Reading;
import io.weir.api.QualityReason;

/**
 * Flags a device that has not reported for its report interval times N: its channels read BAD / STALE and a
 * {@code COAP_DEVICE_SILENT} event goes out, once; the next accepted report clears the flag. (The FAULT alarm
 * comes from the rules bundle: the site file's mapping gives every CoAP device a no-data fault rule on its
 * heartbeat channel with the same limit.)
 */
final class SilenceWatch {

    private static final Logger LOG = LoggerFactory.getLogger(SilenceWatch.class);

    private final DeviceRegistry registry;
    private final Whiteboard whiteboard;
    private final Counters counters;
    private final Clock clock;
    private final int intervals;

    SilenceWatch(DeviceRegistry registry, Whiteboard whiteboard, Counters counters, Clock clock, int intervals) {
        if (intervals < 1) {
            throw new IllegalArgumentException("stale after intervals must be at least 1, is " + intervals);
        }
        this.registry = registry;
        this.whiteboard = whiteboard;
        this.counters = counters;
        this.clock = clock;
        this.intervals = intervals;
    }

    Duration silenceLimit(CoapDevice device) {
        return device.reportInterval().multipliedBy(intervals);
    }

    /** Looks at every device once; run periodically. Never throws: it runs on a scheduler. */
    void check() {
        Instant now = clock.instant();
        for (CoapDevice device : registry.devices()) {
            try {
                registry.state(device.deviceId()).ifPresent(state -> {
                    // after a restart, a device gets one report interval to be heard before it is judged: its
                    // reports during the gateway's own outage went unanswered, not unsent
                    if (state.restoredAt() != null && now.isBefore(state.restoredAt().plus(device.reportInterval()))) {
                        return;
                    }
                    Duration limit = silenceLimit(device);
                    if (state.flagIfSilentSince(now.minus(limit))) {
                        flag(device, state.lastSeen(), limit, now);
                    }
                });
            } catch (RuntimeException e) {
                LOG.error("device {}: silence check failed", device.deviceId(), e);
            }
        }
        registry.saveDirty();
    }

    private void flag(CoapDevice device, Instant lastSeen, Duration limit, Instant now) {
        counters.devicesSilent.incrementAndGet();
        LOG.warn("device {}: silent since {} (more than {} = {} x its report interval); its channels read STALE",
                device.deviceId(), lastSeen, limit, intervals);
        var stale = new ArrayList<Reading>();
        for (String channel : device.profile().channelNames()) {
            stale.add(Reading.bad(device.channel(channel), now, device.profile().unitOf(channel),
                    QualityReason.STALE));
        }
        whiteboard.deliverQuietly(device.deviceId(), stale);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("device", device.deviceId());
        details.put("lastSeen", lastSeen.toString());
        details.put("silentSeconds", Duration.between(lastSeen, now).toSeconds());
        details.put("limitSeconds", limit.toSeconds());
        whiteboard.publish(new GatewayEvent("COAP_DEVICE_SILENT", now, "coap/" + device.deviceId(), details));
    }
}
