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
 * <li>a spike: a step of more than {@code maxStep} from the last trusted value (flagged UNCERTAIN, SPIKE). After
 * {@code spikeConfirm} readings in a row that agree with each other the new level is believed: a sensor moved by
 * maintenance must not stay faulty forever;</li>
 * <li>a stuck value: unchanged within {@code stuckTolerance} for {@code stuckAfter} (flagged UNCERTAIN, STUCK
 * until it moves).</li>
 * </ul>
 * While any check fails the channel's FAULT alarm is active, and its flagged readings can neither raise nor clear
 * a flood alarm. A check is off when its setting is zero or NaN. Not thread-safe.
 */
final class FaultRule implements ChannelScreen {

    record Spec(String ruleId, String channel, Duration noDataAfter, double min, double max, double maxStep,
                int spikeConfirm, Duration stuckAfter, double stuckTolerance, Debounce debounce) {
        Spec {
            ruleId = ThresholdRuleSpec.required("rule", "ruleId", ruleId);
            channel = ThresholdRuleSpec.required(ruleId, "channel", channel);
            Objects.requireNonNull(noDataAfter, "noDataAfter");
            Objects.requireNonNull(stuckAfter, "stuckAfter");
            Objects.requireNonNull(debounce, "debounce");
            if (!Double.isNaN(min) && !Double.isNaN(max) && !(min < max)) {
                throw new IllegalArgumentException("rule " + ruleId + ": min " + min + " must be below max " + max);
            }
            if (maxStep <= 0 || spikeConfirm < 1 || stuckTolerance < 0 || noDataAfter.isNegative()
                    || stuckAfter.isNegative()) {
                throw new IllegalArgumentException("rule " + ruleId + ": maxStep must be positive, spikeConfirm at"
                        + " least 1, stuckTolerance, noDataAfter and stuckAfter not negative");
            }
        }
    }

    /** The reason of a FAULT for missing data: no reading to flag, so not a {@link QualityReason}. */
    static final String NO_DATA = "NO_DATA";

    private final Spec spec;
    private final AlarmTracker tracker;

    private long lastReadingMillis = Long.MIN_VALUE;
    private double lastGood = Double.NaN;
    private double candidate = Double.NaN;
    private int candidateCount;
    private double stuckRef = Double.NaN;
    private long stuckSinceMillis;
    private boolean stale;
    private boolean outOfRange;
    private boolean spike;
    private boolean stuck;

    FaultRule(Spec spec, OccurrenceNumbers occurrences) {
        this.spec = spec;
        this.tracker = new AlarmTracker(spec.ruleId(), List.of(spec.channel()), occurrences, spec.debounce());
    }

    @Override
    public boolean faulty() {
        return stale || outOfRange || spike || stuck;
    }

    /** What the FAULT alarm's events say is wrong; {@code null} while nothing is. */
    private String reason() {
        return outOfRange ? QualityReason.OUT_OF_RANGE.name() : spike ? QualityReason.SPIKE.name()
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
        long millis = reading.timestamp().toEpochMilli();
        lastReadingMillis = Math.max(lastReadingMillis, millis);
        stale = false;
        QualityReason reason = null;
        if (number.isPresent()) {
            reason = judge(number.getAsDouble(), millis);
        }
        Reading screened = reason == null ? reading : new Reading(reading.channel(), reading.timestamp(),
                reading.value(), reading.unit(), reason == QualityReason.OUT_OF_RANGE ? Quality.BAD
                : Quality.UNCERTAIN, reason, reading.decimals());
        double value = number.orElse(Double.NaN);
        List<AlarmEvent> events = tracker.evaluate(reading.timestamp(), faulty() ? AlarmLevel.FAULT : null,
                AlarmLevel.FAULT, l -> new AlarmTracker.Detail(value, null, null, reason()), site).map(List::of)
                .orElse(List.of());
        return new Screened(screened, events);
    }

    private QualityReason judge(double value, long millis) {
        outOfRange = !Double.isFinite(value) || (!Double.isNaN(spec.min()) && value < spec.min())
                || (!Double.isNaN(spec.max()) && value > spec.max());
        if (outOfRange) {
            return QualityReason.OUT_OF_RANGE;
        }
        if (!Double.isNaN(spec.maxStep()) && !Double.isNaN(lastGood) && Math.abs(value - lastGood) > spec.maxStep()) {
            if (!Double.isNaN(candidate) && Math.abs(value - candidate) <= spec.maxStep()) {
                candidateCount++;
            } else {
                candidateCount = 1;
            }
            candidate = value;
            spike = candidateCount < spec.spikeConfirm();
            if (spike) {
                return QualityReason.SPIKE;
            }
        }
        spike = false;
        candidate = Double.NaN;
        candidateCount = 0;
        lastGood = value;
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

    @Override
    public List<AlarmEvent> onTick(Instant now, SiteInfo site) {
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
    public List<AlarmEvent> acknowledge(String alarmId, Instant at, SiteInfo site) {
        return tracker.acknowledge(alarmId, at, site).map(List::of).orElse(List.of());
    }

    @Override
    public void writeAlarms(DataOutput out) throws IOException {
        tracker.write(out);
        out.writeLong(lastReadingMillis);
        out.writeDouble(lastGood);
        out.writeDouble(stuckRef);
        out.writeLong(stuckSinceMillis);
        out.writeBoolean(stale);
        out.writeBoolean(outOfRange);
        out.writeBoolean(spike);
        out.writeBoolean(stuck);
    }

    @Override
    public void readAlarms(DataInput in) throws IOException {
        tracker.read(in);
        lastReadingMillis = in.readLong();
        lastGood = in.readDouble();
        stuckRef = in.readDouble();
        stuckSinceMillis = in.readLong();
        stale = in.readBoolean();
        outOfRange = in.readBoolean();
        spike = in.readBoolean();
        stuck = in.readBoolean();
    }

    @Override
    public long retainedBytes() {
        return 250;
    }
}
