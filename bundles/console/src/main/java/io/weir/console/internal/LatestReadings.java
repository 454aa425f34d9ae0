package io.weir.console.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonGenerator;

import io.weir.api.Reading;

/**
 * The newest reading of every channel, as the technician reads it: rounded to its point's decimals, integers as
 * integers. A device removed from the site file leaves the list, and a last poll still in flight when it was removed
 * does not bring it back.
 */
final class LatestReadings {

    private final Map<String, Reading> latest = new ConcurrentHashMap<>();
    private final Set<String> removed = ConcurrentHashMap.newKeySet();

    /** Keeps the newest reading of each channel (by its own timestamp: a late backlog never hides a newer value). */
    void onReadings(List<Reading> readings) {
        for (Reading r : readings) {
            if (!removed.contains(device(r.channel()))) {
                latest.merge(r.channel(), r, (old, now) -> now.timestamp().isBefore(old.timestamp()) ? old : now);
            }
        }
    }

    /** The device left the site file: its channels leave the list until it is configured again. */
    void removed(String device) {
        removed.add(device);
        latest.keySet().removeIf(channel -> device.equals(device(channel)));
    }

    /** The device is (again) in the site file. */
    void configured(String device) {
        removed.remove(device);
    }

    /** {@code "readings":[{channel, device, point, ts, value, decimals, unit, quality, reason}]} */
    void write(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("readings");
        for (Reading r : new TreeMap<>(latest).values()) {
            g.writeStartObject();
            g.writeStringField("channel", r.channel());
            String[] parts = r.channel().split("/", 3);
            if (parts.length == 3) {
                g.writeStringField("device", parts[1]);
                g.writeStringField("point", parts[2]);
            }
            g.writeStringField("ts", r.timestamp().toString());
            Object value = r.rounded();
            if (value instanceof BigDecimal d) {
                g.writeNumberField("value", d);
            } else if (value instanceof Long l) {
                g.writeNumberField("value", l);
            } else if (value instanceof Double d) {
                if (Double.isFinite(d)) {
                    g.writeNumberField("value", d);
                } else {
                    g.writeStringField("value", d.toString());
                }
            } else if (value instanceof Boolean b) {
                g.writeBooleanField("value", b);
            } else if (value != null) {
                g.writeStringField("value", value.toString());
            }
            if (r.decimals() != null) {
                g.writeNumberField("decimals", r.decimals());
            }
            if (!r.unit().isEmpty()) {
                g.writeStringField("unit", r.unit());
            }
            g.writeStringField("quality", r.quality().name());
            if (r.reason() != null) {
                g.writeStringField("reason", r.reason().name());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** {@code station/device/point} -> {@code device} */
    private static String device(String channel) {
        int first = channel.indexOf('/');
        int second = channel.indexOf('/', first + 1);
        return first < 0 || second < 0 ? channel : channel.substring(first + 1, second);
    }
}
