package io.weir.rules.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Turns a rain gauge's readings into amounts of rain, never a negative one.
 * <ul>
 * <li>{@link Source#COUNTER}: an RS-485 gauge's tip counter, read as {@code count x resolution} mm. The counter
 * wraps at {@code modulus} (65536 for a 16-bit register): a drop that is a plausible wrap is rain. Any other drop
 * is a reset after power loss: the new count (rain since the reset) is taken if plausible and a RESET anomaly is
 * reported. A gauge that resets itself at 08:00 for the hydrological day is configured so, and its drop in the
 * quarter hour after 08:00 is not an anomaly.</li>
 * <li>{@link Source#INCREMENT}: the rain since the previous reading, e.g. GPIO tip pulses counted by the gpio
 * bundle and reported as mm.</li>
 * </ul>
 * A rise faster than {@code maxRateMmPerHour} over the time since the previous reading cannot be rain (the world
 * record is about 305 mm in one hour): it is reported as a JUMP anomaly and counted as nothing. Not thread-safe.
 */
final class RainGauge {

    enum Source { COUNTER, INCREMENT }

    enum Anomaly { NONE, RESET, JUMP, INVALID }

    /**
     * @param micrometres rain in µm, never negative
     * @param sinceMillis the previous reading's time: the rain fell between it and the reading's time
     *                    ({@link Long#MIN_VALUE} when unknown)
     */
    record Rain(long micrometres, long sinceMillis, Anomaly anomaly, long fromCount, long toCount) {
    }

    private static final Duration MIN_ELAPSED = Duration.ofMinutes(1);
    private static final LocalTime HYDROLOGICAL_DAY_START = LocalTime.of(8, 0);
    private static final Duration DAILY_RESET_TOLERANCE = Duration.ofMinutes(15);

    private final Source source;
    private final double resolutionMm;
    private final long modulus;
    private final double maxRateMmPerHour;
    private final boolean resetsDaily;
    private final ZoneId zone;

    private long lastCount = -1;
    private long lastMillis = Long.MIN_VALUE;

    /**
     * @param resolutionMm     mm per count (COUNTER) — 0.1 for the common RS-485 gauge; ignored for INCREMENT
     * @param modulus          the count at which the counter wraps to 0 (65536), or 0 when it never wraps
     * @param maxRateMmPerHour the most rain that is believable, per hour
     * @param resetsDaily      the gauge resets its own counter at 08:00 local time
     */
    RainGauge(Source source, double resolutionMm, long modulus, double maxRateMmPerHour, boolean resetsDaily,
              ZoneId zone) {
        this.source = Objects.requireNonNull(source, "source");
        if (source == Source.COUNTER && !(resolutionMm > 0)) {
            throw new IllegalArgumentException("resolution must be positive, was " + resolutionMm);
        }
        if (modulus < 0 || !(maxRateMmPerHour > 0)) {
            throw new IllegalArgumentException("modulus must be >= 0 and maxRate positive");
        }
        this.resolutionMm = resolutionMm;
        this.modulus = modulus;
        this.maxRateMmPerHour = maxRateMmPerHour;
        this.resetsDaily = resetsDaily;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    Rain accept(Instant at, double value) {
        long millis = at.toEpochMilli();
        long since = lastMillis;
        double allowedMm = allowedMm(since, millis);
        if (source == Source.INCREMENT) {
            if (!(value >= 0) || !Double.isFinite(value)) {
                return new Rain(0, since, Anomaly.INVALID, 0, 0);
            }
            lastMillis = Math.max(millis, lastMillis);
            if (value > allowedMm) {
                return new Rain(0, since, Anomaly.JUMP, 0, 0);
            }
            return new Rain(micrometres(value), since, Anomaly.NONE, 0, 0);
        }
        long count = Math.round(value / resolutionMm);
        if (!Double.isFinite(value) || count < 0 || (modulus > 0 && count >= modulus)) {
            return new Rain(0, since, Anomaly.INVALID, lastCount, count);
        }
        long previous = lastCount;
        lastCount = count;
        lastMillis = Math.max(millis, lastMillis);
        if (previous < 0) {
            return new Rain(0, since, Anomaly.NONE, previous, count); // the first count is only a baseline
        }
        long allowedCounts = (long) Math.ceil(allowedMm / resolutionMm);
        long delta = count - previous;
        if (delta >= 0) {
            return delta <= allowedCounts
                    ? new Rain(micrometres(delta * resolutionMm), since, Anomaly.NONE, previous, count)
                    : new Rain(0, since, Anomaly.JUMP, previous, count);
        }
        if (modulus > 0 && delta + modulus <= allowedCounts) {
            return new Rain(micrometres((delta + modulus) * resolutionMm), since, Anomaly.NONE, previous, count);
        }
        long sinceReset = count <= allowedCounts ? micrometres(count * resolutionMm) : 0;
        Anomaly anomaly = resetsDaily && justAfterDayStart(at) ? Anomaly.NONE : Anomaly.RESET;
        return new Rain(sinceReset, since, anomaly, previous, count);
    }

    private double allowedMm(long sinceMillis, long nowMillis) {
        long elapsed = sinceMillis == Long.MIN_VALUE ? 0 : nowMillis - sinceMillis;
        elapsed = Math.max(elapsed, MIN_ELAPSED.toMillis());
        return maxRateMmPerHour * elapsed / 3_600_000.0;
    }

    private boolean justAfterDayStart(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        ZonedDateTime start = local.with(HYDROLOGICAL_DAY_START);
        Duration after = Duration.between(start, local);
        return !after.isNegative() && after.compareTo(DAILY_RESET_TOLERANCE) <= 0;
    }

    private static long micrometres(double mm) {
        return Math.round(mm * 1000);
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(lastCount);
        out.writeLong(lastMillis);
    }

    void read(DataInput in) throws IOException {
        lastCount = in.readLong();
        lastMillis = in.readLong();
    }
}
