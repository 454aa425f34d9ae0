package io.weir.coap.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.Quality;
import io.weir.api.QualityReason;
import io.weir.api.Reading;

/**
 * Turns a device's resolved SenML records into readings of its channels, by its profile. Records no point claims
 * are counted and left out: devices often report diagnostics nobody asked for.
 */
final class ReadingMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingMapper.class);

    /**
     * @param readings     the readings of the mapped records, then the derived ones
     * @param tiltAngle    the report's tilt angle when it has one (the last, if several), for the baseline
     * @param unmapped     how many records no point claimed
     */
    record Mapped(List<Reading> readings, OptionalDouble tiltAngle, Instant tiltTime, int unmapped) {
    }

    Mapped map(CoapDevice device, List<SenmlRecord> records) {
        CoapProfile profile = device.profile();
        var readings = new ArrayList<Reading>();
        int unmapped = 0;
        OptionalDouble tilt = OptionalDouble.empty();
        Instant tiltTime = null;
        for (SenmlRecord record : records) {
            var point = profile.pointFor(record.name());
            if (point.isEmpty()) {
                unmapped++;
                continue;
            }
            SenmlPoint p = point.get();
            String channel = device.channel(p.name());
            if (!p.senmlUnit().isEmpty() && !record.unit().isEmpty() && !p.senmlUnit().equals(record.unit())) {
                LOG.warn("device {}: record {} carries unit '{}', profile {} expects '{}'; channel {} reads"
                        + " CONFIG_ERROR", device.deviceId(), record.name(), record.unit(), profile.id(),
                        p.senmlUnit(), channel);
                readings.add(Reading.bad(channel, record.time(), p.unit(), QualityReason.CONFIG_ERROR));
                continue;
            }
            Object value = record.value();
            if (value instanceof Double d) {
                double scaled = d * p.scale() + p.offset();
                readings.add(Reading.good(channel, record.time(), scaled, p.unit()));
                if (p.name().equals(profile.tiltAngle())) {
                    tilt = OptionalDouble.of(scaled);
                    tiltTime = record.time();
                }
            } else {
                readings.add(new Reading(channel, record.time(), value, p.unit(), Quality.GOOD, null));
            }
        }
        return new Mapped(readings, tilt, tiltTime, unmapped);
    }
}
