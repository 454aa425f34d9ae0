package io.weir.rules.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * Turns a rain gauge's readings into rain and the interval it fell in, never a negative amount.
 * <ul>
 * <li>{@link Source#COUNTER}: an RS-485 gauge's tip counter, read as {@code count x resolution} mm. A drop is a wrap
 * at {@code modulus} (65536 for a 16-bit register) only if that much rain is believable in the time since the last
 * count; otherwise it is a restart (power lost, or the gauge's own 08:00 reset), and the new count is the rain since
 * the restart, at a time nobody knows within the gap. After an outage of a day, wrapping would mean 6.5 m of rain:
 * such a drop is always a restart.</li>
 * <li>{@link Source#INCREMENT}: the rain since the previous reading, e.g. GPIO tip pulses counted by the gpio
 * bundle.</li>
 * <li>{@link Source#INTERVAL}: the rain of the {@code interval} ending at the reading's time, as an RTU's series
 * report it ("the 5 minutes to 10:05: 0.5 mm"); the ledger counts an interval sent twice once.</li>
 * </ul>
 * <b>Believable rain</b> scales like the world records (about 38 mm in a minute, 305 mm in an hour, 1,825 mm in a
 * day), whose envelope grows with duration to the power 0.475: {@code maxRate} is the believable hour, so at 300
 * mm/h a minute may bring 43 mm, five minutes 92 mm and a day 1,360 mm. More is clamped to that and flagged
 * doubtful, never dropped: a record storm still counts.
 * <p>
 * A reading whose time cannot be trusted (taken before the clock was synchronised) adds nothing by itself: a
 * counter's next trusted count still holds its rain, and increments are carried into the next trusted reading,
 * spread over the time since the last one. Not thread-safe.
 */
final class RainGauge {

    enum Source { COUNTER, INCREMENT, INTERVAL }

    enum Anomaly { NONE, RESET, INVALID }

    static final double ENVELOPE_EXPONENT = 0.475;
    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    private static final double HOUR = Duration.ofHours(1).toMillis();

    /**
     * What one reading brings.
     *
     * @param micrometres        rain in µm that fell in {@code (fromMillis, toMillis]}; 0 and MIN_VALUE times when
     *                           the reading brings no rain of its own
     * @param doubtful           more was reported than is believable: the amount was clamped
     * @param carriedMicrometres rain of untrusted readings carried to this one, fell in {@code (carriedFrom, to]}
     */
    record Rain(long micrometres, long fromMillis, long toMillis, Anomaly anomaly, boolean doubtful,
                long carriedMicrometres, long carriedFromMillis) {

        static Rain none(Anomaly anomaly) {
            return new Rain(0, Long.MIN_VALUE, Long.MIN_VALUE, anomaly, false, 0, Long.MIN_VALUE);
        }

        boolean hasInterval() {
            return toMillis != Long.MIN_VALUE;
        }
    }

    private final Source source;
    private final double resolutionMm;
    private final long modulus;
    private final double maxRateMmPerHour;
    private final boolean resetsDaily;
    private final HydroCalendar calendar;
    private final long intervalMillis;

    private long lastCount = -1;
    private long lastMillis = Long.MIN_VALUE;
    private long pendingMicrometres;
    private long lastElapsed = -1;
    private double lastBelievable;

    /**
     * @param resolutionMm     mm per count (COUNTER) — 0.1 for the common RS-485 gauge; ignored otherwise
     * @param modulus          the count at which the counter wraps to 0 (65536), or 0 when it never wraps
     * @param maxRateMmPerHour the most rain believable in one hour
     * @param resetsDaily      the gauge resets its own counter at 08:00 local time
     * @param interval         INTERVAL only: the observation interval each reading covers
     */
    RainGauge(Source source, double resolutionMm, long modulus, double maxRateMmPerHour, boolean resetsDaily,
              HydroCalendar calendar, Duration interval) {
        this.source = Objects.requireNonNull(source, "source");
        if (source == Source.COUNTER && !(resolutionMm > 0)) {
            throw new IllegalArgumentException("resolution must be positive, was " + resolutionMm);
        }
        if (modulus < 0 || !(maxRateMmPerHour > 0)) {
            throw new IllegalArgumentException("modulus must be >= 0 and maxRate positive");
        }
        if (source == Source.INTERVAL && (interval == null || interval.compareTo(Duration.ofMinutes(1)) < 0)) {
            throw new IllegalArgumentException("an interval source needs an interval of at least a minute, was "
                    + interval);
        }
        this.resolutionMm = resolutionMm;
        this.modulus = modulus;
        this.maxRateMmPerHour = maxRateMmPerHour;
        this.resetsDaily = resetsDaily;
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.intervalMillis = interval == null ? 0 : interval.toMillis();
    }

    /** The most rain believable in a span, in mm: {@code maxRate} for an hour, scaled like the world records. */
    double believableMm(long elapsedMillis) {
        long elapsed = Math.max(elapsedMillis, MINUTE);
        if (elapsed != lastElapsed) { // a gauge is read at a steady interval: one power per interval, not per reading
            lastElapsed = elapsed;
            lastBelievable = maxRateMmPerHour * Math.pow(elapsed / HOUR, ENVELOPE_EXPONENT);
        }
        return lastBelievable;
    }

    /**
     * @param timeTrusted false for a reading taken before the clock was synchronised: its time means nothing
     */
    Rain accept(long at, double value, boolean timeTrusted) {
        if (!Double.isFinite(value) || value < 0) {
            return Rain.none(Anomaly.INVALID);
        }
        return switch (source) {
            case COUNTER -> counter(at, value, timeTrusted);
            case INCREMENT -> increment(at, value, timeTrusted);
            case INTERVAL -> interval(at, value, timeTrusted);
        };
    }

    private Rain counter(long at, double value, boolean timeTrusted) {
        long count = Math.round(value / resolutionMm);
        if (modulus > 0 && count >= modulus) {
            return Rain.none(Anomaly.INVALID);
        }
        if (!timeTrusted) {
            return Rain.none(Anomaly.NONE); // the next trusted count carries this one's rain
        }
        if (lastCount < 0) {
            lastCount = count;
            lastMillis = at;
            return Rain.none(Anomaly.NONE); // the first count is only a baseline
        }
        if (at <= lastMillis) {
            return Rain.none(Anomaly.NONE); // an older count than the one we have says nothing new
        }
        long from = lastMillis;
        long delta = count - lastCount;
        lastCount = count;
        lastMillis = at;
        if (delta >= 0) {
            return clamped(delta * resolutionMm, from, at, Anomaly.NONE);
        }
        double allowed = believableMm(at - from);
        if (modulus > 0 && (delta + modulus) * resolutionMm <= allowed) {
            return clamped((delta + modulus) * resolutionMm, from, at, Anomaly.NONE);
        }
        if (resetsDaily && calendar.crossesDayStart(from, at)) {
            long reset = calendar.dayEnd(from + 1); // the 08:00 in between: the count is the rain since
            return clamped(count * resolutionMm, Math.max(from, reset), at, Anomaly.NONE);
        }
        return clamped(count * resolutionMm, from, at, Anomaly.RESET);
    }

    private Rain increment(long at, double value, boolean timeTrusted) {
        if (!timeTrusted) {
            pendingMicrometres += micrometres(value);
            return Rain.none(Anomaly.NONE);
        }
        long from = lastMillis == Long.MIN_VALUE || at <= lastMillis ? at - MINUTE : lastMillis;
        lastMillis = Math.max(lastMillis, at);
        double mm = value + pendingMicrometres / 1000.0;
        pendingMicrometres = 0;
        return clamped(mm, from, at, Anomaly.NONE);
    }

    private Rain interval(long at, double value, boolean timeTrusted) {
        if (!timeTrusted) {
            pendingMicrometres += micrometres(value);
            return Rain.none(Anomaly.NONE);
        }
        long carried = pendingMicrometres;
        long carriedFrom = lastMillis == Long.MIN_VALUE ? at - intervalMillis : Math.min(lastMillis, at - MINUTE);
        pendingMicrometres = 0;
        lastMillis = Math.max(lastMillis, at);
        double allowed = believableMm(intervalMillis);
        boolean doubtful = value > allowed;
        return new Rain(micrometres(Math.min(value, allowed)), at - intervalMillis, at, Anomaly.NONE, doubtful,
                carried, carriedFrom);
    }

    private Rain clamped(double mm, long from, long to, Anomaly anomaly) {
        double allowed = believableMm(to - from);
        boolean doubtful = mm > allowed;
        return new Rain(micrometres(Math.min(mm, allowed)), from, to, anomaly, doubtful, 0, Long.MIN_VALUE);
    }

    private static long micrometres(double mm) {
        return Math.round(mm * 1000);
    }

    /** The wall clock was stepped: the time of the last reading moves with it. */
    void shift(long millis) {
        if (lastMillis != Long.MIN_VALUE) {
            lastMillis += millis;
        }
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(lastCount);
        out.writeLong(lastMillis);
        out.writeLong(pendingMicrometres);
    }

    void read(DataInput in) throws IOException {
        lastCount = in.readLong();
        lastMillis = in.readLong();
        pendingMicrometres = in.readLong();
    }

    /** The first state format: the last count and its time only. */
    void readLegacy(DataInput in) throws IOException {
        lastCount = in.readLong();
        lastMillis = in.readLong();
        pendingMicrometres = 0;
    }
}
