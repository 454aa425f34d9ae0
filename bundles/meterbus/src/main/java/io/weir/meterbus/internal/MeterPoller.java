package io.weir.meterbus.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.weir.api.QualityReason;
import io.weir.api.Reading;

/**
 * Reads one meter's profile through its line, on the line's thread: a DL/T 645 meter one data identifier per
 * transaction, a CJ/T 188 meter all its points from one metering answer. A point the meter refuses or lacks reads
 * BAD (CONFIG_ERROR when the meter says it has no such data, COMM_ERROR otherwise) without stopping the others.
 */
final class MeterPoller {

    /**
     * @param readings  one per profile point
     * @param commOk    whether the meter answered at all
     * @param failure   why not, when it did not
     */
    record Result(List<Reading> readings, boolean commOk, String failure) {
    }

    private final MeterOptions options;
    private final MeterProfile profile;
    private final Clock clock;
    private int serial;

    MeterPoller(MeterOptions options, MeterProfile profile, Clock clock) {
        this.options = options;
        this.profile = profile;
        this.clock = clock;
    }

    Result poll(Link link) {
        return options.protocol() == MeterOptions.Protocol.DLT645 ? pollDlt645(link) : pollCjt188(link);
    }

    private Result pollDlt645(Link link) {
        var readings = new ArrayList<Reading>();
        boolean answered = false;
        String failure = null;
        for (MeterPoint point : profile.points()) {
            Instant at = clock.instant();
            try {
                byte[] answer = exchange(link, Dlt645.readData(options.address(), point.di()), Dlt645.LENGTH_AT);
                answered = true;
                byte[] value = Dlt645.valueOf(answer, options.address(), point.di());
                readings.add(reading(point, at, decode(point, value)));
            } catch (MeterException e) {
                answered |= e.kind() == MeterException.Kind.NO_DATA || e.kind() == MeterException.Kind.REFUSED;
                failure = e.getMessage();
                readings.add(Reading.bad(channel(point), at, point.unit(), e.kind() == MeterException.Kind.NO_DATA
                        ? QualityReason.CONFIG_ERROR : QualityReason.COMM_ERROR));
            } catch (IOException e) {
                failure = options.link() + ": " + e.getMessage();
                readings.add(Reading.bad(channel(point), at, point.unit(), QualityReason.COMM_ERROR));
            }
        }
        return new Result(readings, answered, failure);
    }

    private Result pollCjt188(Link link) {
        Instant at = clock.instant();
        try {
            serial = (serial + 1) & 0xFF;
            byte[] answer = exchange(link, Cjt188.readData(options.meterType(), options.address(), serial),
                    Cjt188.LENGTH_AT);
            Cjt188.Metering metering = Cjt188.metering(answer, options.address());
            var readings = new ArrayList<Reading>();
            String failure = null;
            for (MeterPoint point : profile.points()) {
                Optional<Object> value = metering.field(Cjt188.Field.valueOf(point.field()));
                if (value.isPresent()) {
                    readings.add(reading(point, at, value.get()));
                } else {
                    failure = String.format("meter %s: the metering data of meter type %02X has no %s",
                            options.address(), metering.type(), point.field().toLowerCase(Locale.ROOT));
                    readings.add(Reading.bad(channel(point), at, point.unit(), QualityReason.CONFIG_ERROR));
                }
            }
            return new Result(readings, true, failure);
        } catch (MeterException | IOException e) {
            boolean answered = e instanceof MeterException m && (m.kind() == MeterException.Kind.REFUSED
                    || m.kind() == MeterException.Kind.NO_DATA);
            QualityReason reason = e instanceof MeterException m && m.kind() == MeterException.Kind.NO_DATA
                    ? QualityReason.CONFIG_ERROR : QualityReason.COMM_ERROR;
            return new Result(profile.points().stream().map(p -> Reading.bad(channel(p), at, p.unit(), reason))
                    .toList(), answered, e.getMessage());
        }
    }

    /** One request and its answer; what was still on the line before is dropped first. */
    private byte[] exchange(Link link, byte[] request, int lengthAt) throws IOException, MeterException {
        link.discardInput();
        link.write(MeterFrames.withPreamble(request, options.wakeUpBytes()));
        return MeterFrames.read(link, lengthAt, options.timeoutMillis());
    }

    private Reading reading(MeterPoint point, Instant at, Object value) {
        // a DL/T 645 number carries its decimals on the wire: shown with them, 229.8 V stays 229.8 V
        return new Reading(channel(point), at, value, point.unit(), io.weir.api.Quality.GOOD, null,
                value instanceof Double && point.decimals() > 0 ? point.decimals() : null);
    }

    private String channel(MeterPoint point) {
        return options.stationCode() + "/" + options.deviceId() + "/" + point.name();
    }

    /** A DL/T 645 value: BCD lowest byte first, by the point's format. */
    static Object decode(MeterPoint point, byte[] value) throws MeterException {
        String type = point.type().toUpperCase(Locale.ROOT);
        int bytes = switch (type) {
            case "DATE" -> 4;
            case "TIME" -> 3;
            default -> point.bytes();
        };
        if (value.length < bytes) {
            throw new MeterException(MeterException.Kind.BAD_FRAME, point.name() + ": " + value.length
                    + " value bytes, the profile says " + bytes);
        }
        byte[] v = java.util.Arrays.copyOf(value, bytes);
        boolean negative = false;
        if (type.equals("NUMBER") && point.signed()) {
            negative = (v[bytes - 1] & 0x80) != 0;
            v[bytes - 1] &= 0x7F;
        }
        String digits = Bcd.littleEndian(v, 0, bytes);
        if (digits == null) {
            throw new MeterException(MeterException.Kind.BAD_FRAME, point.name() + ": value is not BCD");
        }
        return switch (type) {
            case "DATE" -> "20" + digits.substring(0, 2) + "-" + digits.substring(2, 4) + "-" + digits.substring(4, 6);
            case "TIME" -> digits.substring(0, 2) + ":" + digits.substring(2, 4) + ":" + digits.substring(4, 6);
            default -> {
                double n = Long.parseLong(digits) / Math.pow(10, point.decimals());
                yield negative ? -n : n;
            }
        };
    }
}
