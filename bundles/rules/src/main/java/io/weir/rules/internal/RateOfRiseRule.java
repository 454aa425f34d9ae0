package io.weir.rules.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmLevel;
import io.weir.api.Quality;
import io.weir.api.Reading;
import io.weir.api.SiteInfo;

/**
 * Rate of rise of a level: how much the value rose over a window (e.g. 0.10 m in 1 h, 0.50 m in 24 h), compared
 * with the oldest value kept from the window's start. Values are kept one per bucket (the first in each), in a
 * ring of {@code window / bucket + 1} doubles. Only GOOD readings count. Not thread-safe.
 */
final class RateOfRiseRule implements ChannelRule {

    /**
     * @param thresholds rise per window for each level used, rising with the level
     * @param hysteresis how far below a level's rise the rise must fall before the level is left
     */
    record Spec(String ruleId, String channel, Duration window, Map<AlarmLevel, Double> thresholds,
                double hysteresis, String unit, Debounce debounce) {
        Spec {
            // the checks of a threshold rule above: levels rise with severity, hysteresis >= 0
            var checked = new ThresholdRuleSpec(ruleId, channel, Direction.ABOVE, thresholds, hysteresis, unit,
                    debounce);
            ruleId = checked.ruleId();
            channel = checked.channel();
            thresholds = checked.thresholds();
            debounce = checked.debounce();
            Objects.requireNonNull(window, "window");
            if (window.compareTo(Duration.ofMinutes(10)) < 0 || window.compareTo(Duration.ofDays(2)) > 0) {
                throw new IllegalArgumentException("rule " + ruleId + ": window must be 10 min to 48 h, was "
                        + window);
            }
        }
    }

    private final Spec spec;
    private final Ladder ladder;
    private final AlarmTracker tracker;
    private final long bucketMillis;
    private final double[] firstValues; // NaN: no reading in that bucket
    private long head = Long.MIN_VALUE;

    RateOfRiseRule(Spec spec, OccurrenceNumbers occurrences) {
        this.spec = spec;
        this.ladder = new Ladder(spec.thresholds(), Direction.ABOVE, spec.hysteresis());
        this.tracker = new AlarmTracker(spec.ruleId(), List.of(spec.channel()), occurrences, spec.debounce());
        long windowMillis = spec.window().toMillis();
        long bucket = Math.min(Duration.ofMinutes(5).toMillis(), windowMillis / 12);
        while (windowMillis % bucket != 0) {
            bucket--;
        }
        this.bucketMillis = bucket;
        this.firstValues = new double[(int) (windowMillis / bucket) + 1];
        Arrays.fill(firstValues, Double.NaN);
    }

    @Override
    public String key() {
        return "rise:" + spec.ruleId();
    }

    @Override
    public Set<String> channels() {
        return Set.of(spec.channel());
    }

    @Override
    public List<AlarmEvent> onReading(Reading reading, SiteInfo site) {
        OptionalDouble number = reading.numeric();
        if (!reading.channel().equals(spec.channel()) || reading.quality() != Quality.GOOD || number.isEmpty()
                || !Double.isFinite(number.getAsDouble())) {
            return List.of();
        }
        double value = number.getAsDouble();
        long index = Math.floorDiv(reading.timestamp().toEpochMilli(), bucketMillis);
        if (head != Long.MIN_VALUE && index < head) {
            return List.of(); // late readings do not rewrite the past of a rate
        }
        advance(index);
        int slot = slot(index);
        if (Double.isNaN(firstValues[slot])) {
            firstValues[slot] = value;
        }
        double rise = value - oldest();
        AlarmLevel target = ladder.target(tracker.level().orElse(null), rise);
        return tracker.evaluate(reading.timestamp(), target, ladder.lowest(),
                l -> new AlarmTracker.Detail(rise, ladder.threshold(l), spec.window()), site)
                .map(List::of).orElse(List.of());
    }

    private void advance(long index) {
        if (head == Long.MIN_VALUE || index - head >= firstValues.length) {
            Arrays.fill(firstValues, Double.NaN);
        } else {
            for (long j = head + 1; j <= index; j++) {
                firstValues[slot(j)] = Double.NaN;
            }
        }
        head = Math.max(head, index);
    }

    /** The first value of the oldest bucket in the window that has one. */
    private double oldest() {
        for (int k = firstValues.length - 1; k >= 0; k--) {
            double v = firstValues[slot(head - k)];
            if (!Double.isNaN(v)) {
                return v;
            }
        }
        return Double.NaN;
    }

    private int slot(long index) {
        return (int) Math.floorMod(index, (long) firstValues.length);
    }

    @Override
    public Optional<AlarmLevel> warningLevel() {
        return tracker.level();
    }

    @Override
    public List<AlarmEvent> acknowledge(String alarmId, Instant at, SiteInfo site) {
        return tracker.acknowledge(alarmId, at, site).map(List::of).orElse(List.of());
    }

    @Override
    public void writeAlarms(DataOutput out) throws IOException {
        tracker.write(out);
    }

    @Override
    public void readAlarms(DataInput in) throws IOException {
        tracker.read(in);
    }

    @Override
    public void writeWindows(DataOutput out) throws IOException {
        out.writeLong(bucketMillis);
        out.writeInt(firstValues.length);
        out.writeLong(head);
        for (double v : firstValues) {
            out.writeDouble(v);
        }
    }

    @Override
    public void readWindows(DataInput in) throws IOException {
        long bucket = in.readLong();
        int length = in.readInt();
        long savedHead = in.readLong();
        double[] saved = new double[length];
        for (int i = 0; i < length; i++) {
            saved[i] = in.readDouble();
        }
        if (bucket == bucketMillis && length == firstValues.length) {
            System.arraycopy(saved, 0, firstValues, 0, length);
            head = savedHead;
        }
    }

    @Override
    public long retainedBytes() {
        return 16L + 8L * firstValues.length + 300;
    }
}
