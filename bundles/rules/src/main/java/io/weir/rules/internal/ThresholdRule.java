package io.weir.rules.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
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
 * The life of one threshold rule's alarm (a plain threshold, or water level against station levels), fed one
 * reading at a time.
 * <ul>
 * <li>RAISED when no alarm is active and the value reaches a threshold; the level is the highest one reached.</li>
 * <li>ESCALATED when the value reaches the threshold of a level above the current one.</li>
 * <li>DEESCALATED when the value has come back past the current level's threshold by more than the hysteresis;
 * the new level is the highest one it has not come back past that far. Noise at a threshold therefore never
 * flaps.</li>
 * <li>CLEARED when it has come back that far past the lowest level's threshold. The event carries the lowest
 * level and its threshold: the line the value fell back behind.</li>
 * </ul>
 * The spec's debounce holds each change back until the new level has held long enough. Only GOOD numeric readings
 * of the rule's channel count: a broken or doubtful sensor (or one read before the clock was synchronised) must
 * neither raise an alarm nor quietly clear one. Thresholds may change with the season (a reservoir's flood-limit
 * level): each reading is judged against those in force on its date. With {@code staleAfter} set, an alarm whose
 * channel has given no usable reading that long is cleared, its event saying {@code STALE}. Not thread-safe; the
 * caller serialises readings.
 */
final class ThresholdRule implements ChannelRule {

    private final String kind;
    private final ThresholdRuleSpec spec;
    private final Ladder ladder;                // outside every season; null when there are no levels then
    private final List<Ladder> seasonLadders;   // one per season of the spec, in its order
    private final AlarmTracker tracker;
    private final Staleness staleness;

    ThresholdRule(ThresholdRuleSpec spec, OccurrenceNumbers occurrences) {
        this("threshold", spec, occurrences);
    }

    /** @param kind the rule kind, part of the key its state is kept under */
    ThresholdRule(String kind, ThresholdRuleSpec spec, OccurrenceNumbers occurrences) {
        this.kind = kind;
        this.spec = Objects.requireNonNull(spec, "spec");
        this.ladder = ladder(spec.thresholds());
        this.seasonLadders = spec.seasons().stream().map(season -> ladder(season.thresholds())).toList();
        this.tracker = new AlarmTracker(spec.ruleId(), List.of(spec.channel()), occurrences, spec.debounce());
        this.staleness = new Staleness(spec.staleAfter());
    }

    ThresholdRuleSpec spec() {
        return spec;
    }

    /** The active alarm's level, if an alarm is active. */
    Optional<AlarmLevel> level() {
        return tracker.level();
    }

    /**
     * @param reading any reading; those of other channels, of other quality than GOOD or without a finite number
     *                change nothing
     * @param site    the gateway's identity and location, for the event
     * @return the transition the reading caused, if any
     */
    Optional<AlarmEvent> apply(Reading reading, SiteInfo site) {
        OptionalDouble number = reading.numeric();
        if (!reading.channel().equals(spec.channel()) || reading.quality() != Quality.GOOD || number.isEmpty()
                || !Double.isFinite(number.getAsDouble())) {
            return Optional.empty();
        }
        double value = number.getAsDouble();
        staleness.usable(reading.timestamp().toEpochMilli());
        Ladder inForce = ladderAt(reading.timestamp());
        AlarmLevel current = tracker.level().orElse(null);
        AlarmLevel target = inForce == null ? null : inForce.target(current, value);
        return tracker.evaluate(reading.timestamp(), target, inForce == null ? current : inForce.lowest(),
                l -> new AlarmTracker.Detail(value, inForce == null ? null : inForce.threshold(l), null), site);
    }

    /** The ladder of a set of thresholds; {@code null} for none (outside every season). */
    private Ladder ladder(Map<AlarmLevel, Double> thresholds) {
        return thresholds.isEmpty() ? null : new Ladder(thresholds, spec.direction(), spec.hysteresis());
    }

    /** The ladder in force at an instant: its season's, else the one outside every season. */
    private Ladder ladderAt(Instant at) {
        int season = spec.seasonAt(at);
        return season < 0 ? ladder : seasonLadders.get(season);
    }

    @Override
    public List<AlarmEvent> onTick(Instant now, SiteInfo site) {
        if (tracker.level().isEmpty() || !staleness.check(now.toEpochMilli())) {
            return List.of();
        }
        AlarmLevel current = tracker.level().get();
        Ladder inForce = ladderAt(now);
        AlarmLevel clearLevel = inForce == null ? current : inForce.lowest();
        return tracker.evaluate(now, null, clearLevel, l -> new AlarmTracker.Detail(null,
                inForce == null ? null : inForce.threshold(l), null, Staleness.REASON), site).map(List::of)
                .orElse(List.of());
    }

    @Override
    public void onClockStep(long millis) {
        tracker.shift(millis);
        staleness.shift(millis);
    }

    @Override
    public String key() {
        return kind + ":" + spec.ruleId();
    }

    @Override
    public Set<String> channels() {
        return Set.of(spec.channel());
    }

    @Override
    public List<AlarmEvent> onReading(Reading reading, SiteInfo site) {
        return apply(reading, site).map(List::of).orElse(List.of());
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
        staleness.write(out);
    }

    @Override
    public void readAlarms(DataInput in, int version) throws IOException {
        tracker.read(in, version);
        if (version >= 2) {
            staleness.read(in);
        }
    }

    @Override
    public long retainedBytes() {
        return 200; // spec, ladder and tracker: a few small objects
    }
}
