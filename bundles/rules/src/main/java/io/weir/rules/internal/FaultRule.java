package io.weir.rules.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmLevel;
import io.weir.api.Quality;
import io.weir.api.QualityReason;
import io.weir.api.Reading;
import io.weir.api.SiteInfo;

/**
 * Device-fault checks of one channel, run before every other rule sees its readings:
 * <ul>
 * <li>no data for {@code noDataAfter} (checked as time passes);</li>
 * <li>a value outside the sensor's physical range {@code [min, max]} (flagged BAD, OUT_OF_RANGE);</li>
 * <li>a jump: a change from the last believed value faster than the channel can physically change,
 * {@code maxRate} per hour over the time between them, plus {@code noise} (flagged UNCERTAIN, SPIKE). How steep a
 * step may be depends on the time it took, never on the number of readings: a river rising fast and steadily is a
 * flood, and every reading of it is believed. A jump is never believed for repeating itself (a radar that lost its
 * echo reads its installation height again and again). It stays a fault until a reading comes back within what
 * the channel could have done since the last believed value (and nearer to it than to the jumped-to value), or a
 * technician confirms the new value ({@link #confirm});</li>
 * <li>a stuck value: unchanged within {@code stuckTolerance} for {@code stuckAfter} (flagged UNCERTAIN, STUCK
 * until it moves).</li>
 * </ul>
 * While any check fails the channel's FAULT alarm is active, and its flagged readings can neither raise nor clear
 * a flood alarm. A check is off when its setting is zero or NaN. Readings taken before the clock was synchronised
 * are checked for range only: their time says nothing about a rate. Not thread-safe.
 */
final class FaultRule implements ChannelScreen {

    /**
     * @param maxRatePerHour the fastest the channel can physically change, in its unit per hour; NaN: no check
     * @param noise          how far two readings may differ with no time between them (the sensor's noise)
     */
    record Spec(String ruleId, String channel, Duration noDataAfter, double min, double max, double maxRatePerHour,
                double noise, Duration stuckAfter, double stuckTolerance, Debounce debounce) {
        Spec {
            ruleId = ThresholdRuleSpec.required("rule", "ruleId", ruleId);
            channel = ThresholdRuleSpec.required(ruleId, "channel", channel);
            Objects.requireNonNull(noDataAfter, "noDataAfter");
            Objects.requireNonNull(stuckAfter, "stuckAfter");
            Objects.requireNonNull(debounce, "debounce");
            if (!Double.isNaN(min) && !Double.isNaN(max) && !(min < max)) {
                throw new IllegalArgumentException("rule " + ruleId + ": min " + min + " must be below max " + max);
            }
            if (maxRatePerHour <= 0 || noise < 0 || stuckTolerance < 0 || noDataAfter.isNegative()
                    || stuckAfter.isNegative()) {
                throw new IllegalArgumentException("rule " + ruleId + ": maxRate must be positive, noise,"
                        + " stuckTolerance, noDataAfter and stuckAfter not negative");
            }
        }
    }

    /** The reason of a FAULT for missing data: no reading to flag, so not a {@link QualityReason}. */
    static final String NO_DATA = "NO_DATA";
    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    private static final double HOUR = Duration.ofHours(1).toMillis();

    private final Spec spec;
    private final AlarmTracker tracker;

    private long lastReadingMillis = Long.MIN_VALUE;
    private boolean unsyncedSinceTick; // a reading came whose time cannot be trusted: alive, but not when
    private double trustedValue = Double.NaN;
    private long trustedMillis = Long.MIN_VALUE;
    private boolean jumped;
    private double jumpValue = Double.NaN;
    private long jumpMillis = Long.MIN_VALUE;
    private double stuckRef = Double.NaN;
    private long stuckSinceMillis;
    private boolean stale;
    private boolean outOfRange;
    private boolean stuck;

    FaultRule(Spec spec, OccurrenceNumbers occurrences) {
        this.spec = spec;
        this.tracker = new AlarmTracker(spec.ruleId(), List.of(spec.channel()), occurrences, spec.debounce());
    }

    @Override
    public boolean faulty() {
        return stale || outOfRange || jumped || stuck;
    }

    /** What the FAULT alarm's events say is wrong; {@code null} while nothing is. */
    private String reason() {
        return outOfRange ? QualityReason.OUT_OF_RANGE.name() : jumped ? QualityReason.SPIKE.name()
                : stuck ? QualityReason.STUCK.name() : stale ? NO_DATA : null;
    }

    @Override
    public String key() {
        return "fault:" + spec.ruleId();
    }

    @Override
    public Set<String> channels() {
        return Set.of(spec.channel());
    }

    @Override
    public Screened screen(Reading reading, SiteInfo site) {
        OptionalDouble number = reading.numeric();
        if (!reading.channel().equals(spec.channel()) || reading.quality() == Quality.BAD) {
            return new Screened(reading, List.of()); // a communication error is no data: the stale check sees it
        }
        boolean timeTrusted = reading.reason() != QualityReason.CLOCK_UNSYNCED;
        long millis = reading.timestamp().toEpochMilli();
        unsyncedSinceTick |= !timeTrusted;
        if (timeTrusted) {
            lastReadingMillis = Math.max(lastReadingMillis, millis);
            stale = false;
        }
        QualityReason reason = null;
        if (number.isPresent()) {
            reason = judge(number.getAsDouble(), millis, timeTrusted);
        }
        Reading screened = reason == null ? reading : new Reading(reading.channel(), reading.timestamp(),
                reading.value(), reading.unit(), reason == QualityReason.OUT_OF_RANGE ? Quality.BAD
                : Quality.UNCERTAIN, reason, reading.decimals());
        if (!timeTrusted) {
            return new Screened(screened, List.of()); // an alarm event needs a time to stand on
        }
        double value = number.orElse(Double.NaN);
        return new Screened(screened, evaluate(reading.timestamp(), value, site));
    }

    private List<AlarmEvent> evaluate(Instant at, double value, SiteInfo site) {
        return tracker.evaluate(at, faulty() ? AlarmLevel.FAULT : null, AlarmLevel.FAULT,
                l -> new AlarmTracker.Detail(Double.isNaN(value) ? null : value, null, null, reason()), site)
                .map(List::of).orElse(List.of());
    }

    private QualityReason judge(double value, long millis, boolean timeTrusted) {
        outOfRange = !Double.isFinite(value) || (!Double.isNaN(spec.min()) && value < spec.min())
                || (!Double.isNaN(spec.max()) && value > spec.max());
        if (outOfRange) {
            return QualityReason.OUT_OF_RANGE;
        }
        if (!timeTrusted) {
            return null;
        }
        if (!Double.isNaN(spec.maxRatePerHour()) && !Double.isNaN(trustedValue)) {
            boolean fromTrusted = reachable(trustedValue, trustedMillis, value, millis);
            if (!jumped && !fromTrusted) {
                jumped = true;
            } else if (jumped) {
                boolean fromJump = reachable(jumpValue, jumpMillis, value, millis);
                boolean back = fromTrusted && (!fromJump
                        || Math.abs(value - trustedValue) < Math.abs(value - jumpValue));
                jumped = !back;
            }
            if (jumped) {
                jumpValue = value;
                jumpMillis = millis;
                return QualityReason.SPIKE;
            }
        }
        trust(value, millis);
        if (!spec.stuckAfter().isZero()) {
            if (Double.isNaN(stuckRef) || Math.abs(value - stuckRef) > spec.stuckTolerance()) {
                stuckRef = value;
                stuckSinceMillis = millis;
                stuck = false;
            } else if (millis - stuckSinceMillis >= spec.stuckAfter().toMillis()) {
                stuck = true;
                return QualityReason.STUCK;
            }
        }
        return null;
    }

    /** True if the channel can physically go from {@code a} at one time to {@code b} at another. */
    private boolean reachable(double a, long aMillis, double b, long bMillis) {
        long elapsed = Math.max(Math.abs(bMillis - aMillis), MINUTE);
        return Math.abs(b - a) <= spec.noise() + spec.maxRatePerHour() * elapsed / HOUR;
    }

    private void trust(double value, long millis) {
        trustedValue = value;
        trustedMillis = Math.max(trustedMillis, millis);
    }

    /**
     * A technician on site confirms that the jumped-to value is real (the sensor was moved, the river did rise):
     * it becomes the believed value and the jump's fault ends.
     *
     * @return the events that follows (the FAULT cleared when nothing else is wrong); empty when there was no jump
     */
    List<AlarmEvent> confirm(Instant at, SiteInfo site) {
        if (!jumped) {
            return List.of();
        }
        jumped = false;
        trustedValue = jumpValue;
        trustedMillis = jumpMillis;
        return evaluate(at, jumpValue, site);
    }

    @Override
    public List<AlarmEvent> onTick(Instant now, SiteInfo site) {
        if (unsyncedSinceTick) {
            unsyncedSinceTick = false;
            lastReadingMillis = Math.max(lastReadingMillis, now.toEpochMilli());
            stale = false;
        }
        if (spec.noDataAfter().isZero()) {
            return List.of();
        }
        if (lastReadingMillis == Long.MIN_VALUE) {
            lastReadingMillis = now.toEpochMilli(); // no reading yet: count from the first look
            return List.of();
        }
        if (now.toEpochMilli() - lastReadingMillis < spec.noDataAfter().toMillis()) {
            return List.of();
        }
        stale = true;
        return tracker.evaluate(now, AlarmLevel.FAULT, AlarmLevel.FAULT,
                l -> new AlarmTracker.Detail(null, null, spec.noDataAfter(), NO_DATA), site).map(List::of)
                .orElse(List.of());
    }

    @Override
    public void onClockStep(long millis) {
        lastReadingMillis = shifted(lastReadingMillis, millis);
        trustedMillis = shifted(trustedMillis, millis);
        jumpMillis = shifted(jumpMillis, millis);
        stuckSinceMillis += millis;
        tracker.shift(millis);
    }

    private static long shifted(long time, long millis) {
        return time == Long.MIN_VALUE ? time : time + millis;
    }

    @Override
    public List<AlarmEvent> acknowledge(String alarmId, Instant at, SiteInfo site) {
        return tracker.acknowledge(alarmId, at, site).map(List::of).orElse(List.of());
    }

    @Override
    public void writeAlarms(DataOutput out) throws IOException {
        tracker.write(out);
        out.writeLong(lastReadingMillis);
        out.writeDouble(trustedValue);
        out.writeLong(trustedMillis);
        out.writeBoolean(jumped);
        out.writeDouble(jumpValue);
        out.writeLong(jumpMillis);
        out.writeDouble(stuckRef);
        out.writeLong(stuckSinceMillis);
        out.writeBoolean(stale);
        out.writeBoolean(outOfRange);
        out.writeBoolean(stuck);
    }

    @Override
    public void readAlarms(DataInput in, int version) throws IOException {
        tracker.read(in, version);
        lastReadingMillis = in.readLong();
        if (version < 2) { // the last good value, then a spike still waiting for confirmation readings
            trustedValue = in.readDouble();
            trustedMillis = lastReadingMillis;
            stuckRef = in.readDouble();
            stuckSinceMillis = in.readLong();
            stale = in.readBoolean();
            outOfRange = in.readBoolean();
            in.readBoolean();
            stuck = in.readBoolean();
            jumped = false;
            return;
        }
        trustedValue = in.readDouble();
        trustedMillis = in.readLong();
        jumped = in.readBoolean();
        jumpValue = in.readDouble();
        jumpMillis = in.readLong();
        stuckRef = in.readDouble();
        stuckSinceMillis = in.readLong();
        stale = in.readBoolean();
        outOfRange = in.readBoolean();
        stuck = in.readBoolean();
    }

    @Override
    public long retainedBytes() {
        return 270;
    }
}
