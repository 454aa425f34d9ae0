package io.weir.rules.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmLevel;
import io.weir.api.Quality;
import io.weir.api.QualityReason;
import io.weir.api.Reading;
import io.weir.api.SiteInfo;

/**
 * Rainfall from one gauge: rolling sums over 10 min, 1 h, 3 h, 6 h, 12 h and 24 h in one-minute buckets, and the
 * hydrological-day total, checked against {@link RainfallCriteria}. A gauge anomaly (counter reset after power
 * loss, an impossible jump, an invalid count) adds no rain and raises a FAULT alarm of its own, id
 * {@code <ruleId>.fault}, which clears at the next normal reading. Not thread-safe.
 */
final class RainfallRule implements ChannelRule {

    static final Duration BUCKET = Duration.ofMinutes(1);

    /**
     * @param ruleId       unique among the site's rules
     * @param channel      the gauge's channel
     * @param source       how the gauge reports
     * @param resolutionMm mm per count of a COUNTER gauge
     * @param modulus      where a COUNTER wraps (65536), 0 for never
     * @param maxRate      the most believable rain, mm per hour
     * @param resetsDaily  the gauge resets its counter at 08:00 itself
     * @param criteria     the warning levels
     * @param hysteresisMm how far below a level's amount every window of it must fall before the level is left
     * @param debounce     how long a level change must hold
     * @param zone         local time zone, for the 08:00 day start
     */
    record Spec(String ruleId, String channel, RainGauge.Source source, double resolutionMm, long modulus,
                double maxRate, boolean resetsDaily, RainfallCriteria criteria, double hysteresisMm,
                Debounce debounce, ZoneId zone) {
        Spec {
            ruleId = ThresholdRuleSpec.required("rule", "ruleId", ruleId);
            channel = ThresholdRuleSpec.required(ruleId, "channel", channel);
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(criteria, "criteria");
            Objects.requireNonNull(debounce, "debounce");
            Objects.requireNonNull(zone, "zone");
            if (!(hysteresisMm >= 0)) {
                throw new IllegalArgumentException("rule " + ruleId + ": hysteresis must be >= 0");
            }
        }
    }

    private final Spec spec;
    private final RainGauge gauge;
    private final RollingSums sums;
    private final HydrologicalDay day;
    private final AlarmTracker tracker;
    private final AlarmTracker faults;

    RainfallRule(Spec spec, OccurrenceNumbers occurrences) {
        this.spec = spec;
        this.gauge = new RainGauge(spec.source(), spec.resolutionMm(), spec.modulus(), spec.maxRate(),
                spec.resetsDaily(), spec.zone());
        this.sums = new RollingSums(BUCKET, RainWindow.ROLLING.stream().map(RainWindow::duration).toList());
        this.day = new HydrologicalDay(spec.zone());
        this.tracker = new AlarmTracker(spec.ruleId(), List.of(spec.channel()), occurrences, spec.debounce());
        this.faults = new AlarmTracker(spec.ruleId() + ".fault", List.of(spec.channel()), occurrences,
                Debounce.NONE);
    }

    Spec spec() {
        return spec;
    }

    /** Rain in mm over a window at the last reading. */
    double rainMm(RainWindow window) {
        long micrometres = window == RainWindow.DAY ? day.total() : sums.sum(RainWindow.ROLLING.indexOf(window));
        return micrometres / 1000.0;
    }

    @Override
    public String key() {
        return "rainfall:" + spec.ruleId();
    }

    @Override
    public Set<String> channels() {
        return Set.of(spec.channel());
    }

    @Override
    public List<AlarmEvent> onReading(Reading reading, SiteInfo site) {
        OptionalDouble number = reading.numeric();
        if (!reading.channel().equals(spec.channel()) || reading.quality() != Quality.GOOD || number.isEmpty()) {
            return List.of(); // a COUNTER gauge's next good count still carries the rain of the gap
        }
        Instant at = reading.timestamp();
        long millis = at.toEpochMilli();
        RainGauge.Rain rain = gauge.accept(at, number.getAsDouble());
        var events = new ArrayList<AlarmEvent>(2);
        faults.evaluate(at, rain.anomaly() == RainGauge.Anomaly.NONE ? null : AlarmLevel.FAULT, AlarmLevel.FAULT,
                l -> new AlarmTracker.Detail(number.getAsDouble(), null, null, reason(rain.anomaly())), site)
                .ifPresent(events::add);
        if (rain.micrometres() > 0) {
            if (rain.sinceMillis() == Long.MIN_VALUE) {
                sums.add(millis, rain.micrometres());
            } else {
                sums.addSpread(rain.sinceMillis(), millis, rain.micrometres());
            }
            day.add(at, rain.micrometres());
        }
        sums.advanceTo(millis);
        day.advanceTo(at);
        AlarmLevel target = target(tracker.level().orElse(null));
        tracker.evaluate(at, target, spec.criteria().lowest(), this::detail, site).ifPresent(events::add);
        return events;
    }

    /** The FAULT reason of a gauge anomaly: a jump no rain can make is a spike, an invalid count out of range. */
    private static String reason(RainGauge.Anomaly anomaly) {
        return switch (anomaly) {
            case NONE -> null;
            case RESET -> "COUNTER_RESET";
            case JUMP -> QualityReason.SPIKE.name();
            case INVALID -> QualityReason.OUT_OF_RANGE.name();
        };
    }

    @Override
    public Optional<AlarmLevel> warningLevel() {
        return tracker.level();
    }

    @Override
    public boolean faulty() {
        return faults.level().isPresent();
    }

    private AlarmLevel target(AlarmLevel current) {
        AlarmLevel target = null;
        for (RainfallCriteria.Criterion c : spec.criteria().criteria()) {
            double mm = rainMm(c.window());
            boolean reached = mm >= c.mm();
            boolean held = current != null && c.level().compareTo(current) <= 0 && mm >= c.mm() - spec.hysteresisMm();
            if ((reached || held) && (target == null || c.level().compareTo(target) > 0)) {
                target = c.level();
            }
        }
        return target;
    }

    /** The window of a level nearest to (or furthest past) its amount: what the event reports. */
    private AlarmTracker.Detail detail(AlarmLevel level) {
        RainfallCriteria.Criterion best = null;
        double bestRatio = -1;
        for (RainfallCriteria.Criterion c : spec.criteria().criteria()) {
            if (c.level() == level && rainMm(c.window()) / c.mm() > bestRatio) {
                best = c;
                bestRatio = rainMm(c.window()) / c.mm();
            }
        }
        return best == null ? new AlarmTracker.Detail(null, null, null)
                : new AlarmTracker.Detail(rainMm(best.window()), best.mm(), best.window().duration());
    }

    @Override
    public List<AlarmEvent> acknowledge(String alarmId, Instant at, SiteInfo site) {
        var events = new ArrayList<AlarmEvent>(1);
        tracker.acknowledge(alarmId, at, site).ifPresent(events::add);
        faults.acknowledge(alarmId, at, site).ifPresent(events::add);
        return events;
    }

    @Override
    public void writeAlarms(DataOutput out) throws IOException {
        tracker.write(out);
        faults.write(out);
    }

    @Override
    public void readAlarms(DataInput in) throws IOException {
        tracker.read(in);
        faults.read(in);
    }

    @Override
    public void writeWindows(DataOutput out) throws IOException {
        gauge.write(out);
        sums.write(out);
        day.write(out);
    }

    @Override
    public void readWindows(DataInput in) throws IOException {
        gauge.read(in);
        sums.read(in);
        day.read(in);
    }

    @Override
    public long retainedBytes() {
        return sums.retainedBytes() + 400;
    }
}
