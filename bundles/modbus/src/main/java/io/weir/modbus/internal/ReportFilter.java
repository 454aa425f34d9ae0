package io.weir.modbus.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.weir.api.Reading;
import io.weir.api.profile.Deadband;
import io.weir.api.profile.Point;

/**
 * Report by exception: of each batch, the readings worth sending upstream. A reading of a point with a deadband or
 * a heartbeat is reported when it is the point's first, when its quality (or the reason for it) differs from the
 * last reported one, so bad news and recovery go out at once, when its value moved beyond the deadband (or, with
 * only a heartbeat, changed at all), or when the heartbeat has passed since the last report. Values are compared
 * as they are published, rounded to the point's decimals. Readings of every other point are all reported.
 *
 * <p>Time is the readings' own: the heartbeat runs from the timestamp of the last reported reading, so a filter
 * needs no clock, and a clock stepped back (an earlier timestamp) reports at once rather than going quiet. Only
 * touched on the device's poll thread.
 */
final class ReportFilter {

    private final Map<String, Point> byChannel;
    /** The last reported reading of each point seen so far, by channel. */
    private final Map<String, Reading> last = new HashMap<>();

    /** @param byChannel the points that report by exception, by the channel their readings carry */
    ReportFilter(Map<String, Point> byChannel) {
        this.byChannel = Map.copyOf(byChannel);
    }

    /** A filter of the points of a profile whose channels {@code channels} names. */
    static ReportFilter of(List<Point> points, DeviceChannels channels) {
        var byChannel = new HashMap<String, Point>();
        for (Point point : points) {
            if (point.reportsByException()) {
                byChannel.put(channels.channel(point.name()), point);
            }
        }
        return new ReportFilter(byChannel);
    }

    /** A filter that reports every reading. */
    static ReportFilter none() {
        return new ReportFilter(Map.of());
    }

    /**
     * The readings of the batch to report, in the batch's order. Changes nothing: only {@link #reported} makes
     * them the values later readings are compared with, so a batch the store refused is judged again next time.
     */
    List<Reading> select(List<Reading> batch) {
        if (byChannel.isEmpty()) {
            return batch;
        }
        var selected = new ArrayList<Reading>(batch.size());
        for (Reading reading : batch) {
            if (worthReporting(reading)) {
                selected.add(reading);
            }
        }
        return selected.size() == batch.size() ? batch : selected;
    }

    /** Records readings as reported: later readings of their points are compared with these. */
    void reported(List<Reading> readings) {
        for (Reading reading : readings) {
            if (byChannel.containsKey(reading.channel())) {
                last.put(reading.channel(), reading);
            }
        }
    }

    private boolean worthReporting(Reading reading) {
        Point point = byChannel.get(reading.channel());
        Reading before = last.get(reading.channel());
        if (point == null || before == null) {
            return true;
        }
        if (before.quality() != reading.quality() || !Objects.equals(before.reason(), reading.reason())) {
            return true;
        }
        Duration since = Duration.between(before.timestamp(), reading.timestamp());
        if (since.isNegative() || (point.heartbeatMillis() > 0 && since.toMillis() >= point.heartbeatMillis())) {
            return true;
        }
        return moved(point.deadband(), before, reading);
    }

    /** Whether the value as published moved beyond the band; without a band, whether it changed at all. */
    private static boolean moved(Deadband deadband, Reading before, Reading now) {
        Object was = before.rounded();
        Object is = now.rounded();
        if (was instanceof Number a && is instanceof Number b && Double.isFinite(a.doubleValue())
                && Double.isFinite(b.doubleValue())) {
            return deadband == null ? a.doubleValue() != b.doubleValue()
                    : deadband.exceeded(a.doubleValue(), b.doubleValue());
        }
        // a value that is not a finite number (NaN, a bit, text) is reported whenever it differs
        return !Objects.equals(was, is);
    }
}
