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
 * How fast a level rises (or, for {@link Sense#FALL}, falls: a reservoir's rapid drawdown, 骤降) over a window, e.g.
 * 0.10 m in 1 h. The rate is the least-squares slope through the window's readings, so a few centimetres of noise
 * do not make a rise: the rise is that slope times the time the readings span (at most the window). Readings are
 * kept as one mean per bucket (5 minutes, or a twelfth of a shorter window). Only GOOD readings count. With no
 * reading for {@code staleAfter}, the window follows the clock and the alarm can only fall, its events saying
 * {@code STALE}. Not thread-safe.
 */
final class RateOfRiseRule implements ChannelRule {

    enum Sense {
        RISE("rise"), FALL("fall");

        private final String kind;

        Sense(String kind) {
            this.kind = kind;
        }
    }

    /**
     * @param thresholds rise (or fall) per window for each level used, growing with the level
     * @param hysteresis how far below a level's amount the rate must fall before the level is left
     * @param staleAfter no reading for this long: the window follows the clock (0: never)
     */
    record Spec(String ruleId, String channel, Sense sense, Duration window, Map<AlarmLevel, Double> thresholds,
                double hysteresis, String unit, Debounce debounce, Duration staleAfter) {
        Spec {
            // the checks of a threshold rule above: levels rise with severity, hysteresis >= 0
            var checked = new ThresholdRuleSpec(ruleId, channel, Direction.ABOVE, thresholds, hysteresis, unit,
                    debounce);
            ruleId = checked.ruleId();
            channel = checked.channel();
            thresholds = checked.thresholds();
            debounce = checked.debounce();
            Objects.requireNonNull(sense, "sense");
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(staleAfter, "staleAfter");
            if (window.compareTo(Duration.ofMinutes(10)) < 0 || window.compareTo(Duration.ofDays(2)) > 0) {
                throw new IllegalArgumentException("rule " + ruleId + ": window must be 10 min to 48 h, was "
                        + window);
            }
        }

        Spec(String ruleId, String channel, Duration window, Map<AlarmLevel, Double> thresholds, double hysteresis,
             String unit, Debounce debounce) {
            this(ruleId, channel, Sense.RISE, window, thresholds, hysteresis, unit, debounce, Duration.ofHours(2));
        }
    }

    private final Spec spec;
    private final Ladder ladder;
    private final AlarmTracker tracker;
    private final long bucketMillis;
    private final double[] means;  // NaN: no reading in that bucket
    // Readings only ever go into the newest bucket (late ones are dropped), so only its count is needed to keep a
    // running mean: the older buckets are final. One int, not an array beside the means.
    private int headCount;
    private final Staleness staleness;
    private long head = Long.MIN_VALUE;
    private double rise;

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
        int length = (int) (windowMillis / bucket) + 1;
        this.means = new double[length];
        Arrays.fill(means, Double.NaN);
        this.staleness = new Staleness(spec.staleAfter());
    }

    @Override
    public String key() {
        return spec.sense().kind + ":" + spec.ruleId();
    }

    @Override
    public Set<String> channels() {
        return Set.of(spec.channel());
    }

    /** The rise (or fall) over the window at the last evaluation, in the channel's unit. */
    double rise() {
        return rise;
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
        int n = headCount;
        means[slot] = n == 0 ? value : means[slot] + (value - means[slot]) / (n + 1);
        headCount = n == Integer.MAX_VALUE ? n : n + 1;
        staleness.usable(reading.timestamp().toEpochMilli());
        return evaluate(reading.timestamp(), site);
    }

    @Override
    public List<AlarmEvent> onTick(Instant now, SiteInfo site) {
        if (!staleness.check(now.toEpochMilli())) {
            return List.of();
        }
        long index = Math.floorDiv(now.toEpochMilli(), bucketMillis);
        if (index > head) {
            advance(index);
        }
        return evaluate(now, site);
    }

    private List<AlarmEvent> evaluate(Instant at, SiteInfo site) {
        rise = fit();
        AlarmLevel current = tracker.level().orElse(null);
        AlarmLevel target = staleness.cap(ladder.target(current, rise), current);
        double reported = rise;
        String reason = staleness.reason();
        return tracker.evaluate(at, target, ladder.lowest(),
                l -> new AlarmTracker.Detail(reported, ladder.threshold(l), spec.window(), reason), site)
                .map(List::of).orElse(List.of());
    }

    /** Least-squares slope through the bucket means, times the time they span; 0 with fewer than two. */
    private double fit() {
        int length = means.length;
        int h = slot(head);
        double reference = Double.NaN; // values are taken relative to the newest, so sums stay small and exact
        int n = 0;
        int oldest = 0;
        int newest = -1;
        double sx = 0;
        double sy = 0;
        double sxy = 0;
        double sxx = 0;
        for (int k = 0; k < length; k++) {
            int s = h - k < 0 ? h - k + length : h - k;
            double y = means[s];
            if (!Double.isNaN(y)) {
                if (newest < 0) {
                    newest = k;
                    reference = y;
                }
                y -= reference;
                n++;
                sx -= k;
                sy += y;
                sxy -= k * y;
                sxx += (double) k * k;
                oldest = k;
            }
        }
        if (n < 2) {
            return 0;
        }
        double slopePerBucket = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double change = slopePerBucket * (oldest - newest);
        return spec.sense() == Sense.RISE ? change : -change;
    }

    private void advance(long index) {
        if (head == Long.MIN_VALUE || index - head >= means.length) {
            Arrays.fill(means, Double.NaN);
        } else {
            for (long j = head + 1; j <= index; j++) {
                means[slot(j)] = Double.NaN;
            }
        }
        if (index > head) {
            headCount = 0;
        }
        head = Math.max(head, index);
    }

    private int slot(long index) {
        return (int) Math.floorMod(index, (long) means.length);
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
    public void onClockStep(long millis) {
        tracker.shift(millis);
        staleness.shift(millis);
        if (head == Long.MIN_VALUE) {
            return;
        }
        long buckets = Math.round((double) millis / bucketMillis);
        int by = (int) Math.floorMod(buckets, (long) means.length);
        double[] m = new double[means.length];
        for (int s = 0; s < means.length; s++) {
            m[(s + by) % means.length] = means[s];
        }
        System.arraycopy(m, 0, means, 0, means.length);
        head += buckets;
    }

    @Override
    public void writeAlarms(DataOutput out) throws IOException {
        tracker.write(out);
    }

    @Override
    public void readAlarms(DataInput in, int version) throws IOException {
        tracker.read(in, version);
    }

    @Override
    public void writeWindows(DataOutput out) throws IOException {
        out.writeLong(bucketMillis);
        out.writeInt(means.length);
        out.writeLong(head);
        // format 2 keeps a count per bucket: the newest bucket's, and 1 for every other bucket holding a mean
        int h = head == Long.MIN_VALUE ? -1 : slot(head);
        for (int i = 0; i < means.length; i++) {
            out.writeDouble(means[i]);
            out.writeShort(i == h ? Math.min(Short.MAX_VALUE, headCount) : Double.isNaN(means[i]) ? 0 : 1);
        }
        staleness.write(out);
    }

    /** Format 1 kept the first value of each bucket: taken as that bucket's mean of one reading. */
    @Override
    public void readWindows(DataInput in, int version) throws IOException {
        long bucket = in.readLong();
        int length = in.readInt();
        long savedHead = in.readLong();
        double[] saved = new double[length];
        short[] savedCounts = new short[length];
        for (int i = 0; i < length; i++) {
            saved[i] = in.readDouble();
            savedCounts[i] = version >= 2 ? in.readShort() : (short) (Double.isNaN(saved[i]) ? 0 : 1);
        }
        var saw = new Staleness(spec.staleAfter());
        if (version >= 2) {
            saw.read(in);
        } else if (savedHead != Long.MIN_VALUE) {
            saw.restart(savedHead * bucketMillis);
        }
        if (bucket == bucketMillis && length == means.length) {
            System.arraycopy(saved, 0, means, 0, length);
            head = savedHead;
            headCount = savedHead == Long.MIN_VALUE ? 0 : savedCounts[slot(savedHead)];
            staleness.copy(saw);
        }
    }

    @Override
    public long retainedBytes() {
        return 16L + 8L * means.length + 330;
    }
}
