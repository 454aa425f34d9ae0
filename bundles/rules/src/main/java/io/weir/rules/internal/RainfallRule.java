package io.weir.rules.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
 * Rainfall from one gauge, booked in a {@link RainLedger} and checked against {@link RainfallCriteria}: rolling
 * windows from 10 minutes to 72 hours, the hydrological day so far and the current rain event.
 * <ul>
 * <li>A gauge anomaly (counter restart, an invalid value, more rain than is believable) raises a FAULT alarm of its
 * own, id {@code <ruleId>.fault}, which clears at the next normal reading. Clamped rain still counts.</li>
 * <li>Readings another rule flags as doubtful add no rain, but time moves on: windows empty as they should.</li>
 * <li>With no usable reading for {@code staleAfter}, the windows follow the clock; the alarm can then only fall,
 * and every event it makes says {@code STALE}. A counter's next reading still brings the rain of the gap.</li>
 * <li>A reading taken before the clock was synchronised never raises or escalates anything: its rain is carried to
 * the next trusted reading.</li>
 * <li>Hourly totals ({@code <channel>.rain_1h}), daily totals of the hydrological day ({@code .rain_day}) and the
 * event's total ({@code .rain_event}) are derived readings, published as telemetry.</li>
 * </ul>
 * Not thread-safe.
 */
final class RainfallRule implements ChannelRule {

    static final String HOURLY = ".rain_1h";
    static final String DAILY = ".rain_day";
    static final String EVENT = ".rain_event";
    static final String RAIN_CLAMPED = "RAIN_CLAMPED";
    static final String COUNTER_RESET = "COUNTER_RESET";

    /**
     * How the gauge reports.
     *
     * @param resolutionMm mm per count of a COUNTER gauge
     * @param modulus      where a COUNTER wraps (65536), 0 for never
     * @param maxRate      the most rain believable in one hour, mm
     * @param resetsDaily  the gauge resets its counter at 08:00 itself
     * @param interval     INTERVAL only: the observation interval of each reading
     */
    record Gauge(RainGauge.Source source, double resolutionMm, long modulus, double maxRate, boolean resetsDaily,
                 Duration interval) {
        Gauge {
            Objects.requireNonNull(source, "source");
        }

        static Gauge counter() {
            return new Gauge(RainGauge.Source.COUNTER, 0.1, 65536, 300, false, null);
        }

        static Gauge increment() {
            return new Gauge(RainGauge.Source.INCREMENT, 0, 0, 300, false, null);
        }

        static Gauge interval(Duration interval) {
            return new Gauge(RainGauge.Source.INTERVAL, 0, 0, 300, false, interval);
        }

        Gauge resettingDaily() {
            return new Gauge(source, resolutionMm, modulus, maxRate, true, interval);
        }
    }

    /**
     * @param ruleId             unique among the site's rules
     * @param channel            the gauge's channel
     * @param criteria           the warning levels
     * @param hysteresisMm       how far below a level's amount every window of it must fall before it is left
     * @param hysteresisFraction the same as a fraction of each window's own amount; the larger of the two counts
     * @param debounce           how long a level change must hold, and how long a level is kept at least
     * @param zone               local time zone, for 08:00 and full hours
     * @param eventDry           the dry spell that ends a rain event
     * @param staleAfter         no usable reading for this long: the windows follow the clock (0: never)
     * @param publish            publish hourly, daily and event totals as telemetry
     */
    record Spec(String ruleId, String channel, Gauge gauge, RainfallCriteria criteria, double hysteresisMm,
                double hysteresisFraction, Debounce debounce, ZoneId zone, Duration eventDry, Duration staleAfter,
                boolean publish) {
        Spec {
            ruleId = ThresholdRuleSpec.required("rule", "ruleId", ruleId);
            channel = ThresholdRuleSpec.required(ruleId, "channel", channel);
            Objects.requireNonNull(gauge, "gauge");
            Objects.requireNonNull(criteria, "criteria");
            Objects.requireNonNull(debounce, "debounce");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(eventDry, "eventDry");
            Objects.requireNonNull(staleAfter, "staleAfter");
            if (!(hysteresisMm >= 0) || !(hysteresisFraction >= 0) || hysteresisFraction >= 1) {
                throw new IllegalArgumentException("rule " + ruleId + ": hysteresis must be >= 0 mm and a fraction"
                        + " below 100 %");
            }
            if (eventDry.compareTo(Duration.ofHours(1)) < 0 || eventDry.compareTo(Duration.ofHours(72)) > 0) {
                throw new IllegalArgumentException("rule " + ruleId + ": the dry spell ending an event must be 1 h"
                        + " to 72 h, was " + eventDry);
            }
            if (staleAfter.isNegative()) {
                throw new IllegalArgumentException("rule " + ruleId + ": staleAfter must not be negative");
            }
        }

        /** Defaults for what the site file may leave out: 6 h dry ends an event, stale after 2 h, published. */
        static Spec of(String ruleId, String channel, Gauge gauge, RainfallCriteria criteria, double hysteresisMm,
                       Debounce debounce, ZoneId zone) {
            return new Spec(ruleId, channel, gauge, criteria, hysteresisMm, 0, debounce, zone, Duration.ofHours(6),
                    Duration.ofHours(2), true);
        }

        double hysteresis(RainfallCriteria.Criterion criterion) {
            return Math.max(hysteresisMm, hysteresisFraction * criterion.mm());
        }
    }

    private final Spec spec;
    private final RainGauge gauge;
    private final RainLedger ledger;
    private final AlarmTracker tracker;
    private final AlarmTracker faults;
    private final List<Reading> derived = new ArrayList<>();
    private final Staleness staleness;

    RainfallRule(Spec spec, OccurrenceNumbers occurrences) {
        this.spec = spec;
        var calendar = new HydroCalendar(spec.zone());
        Gauge g = spec.gauge();
        this.gauge = new RainGauge(g.source(), g.resolutionMm(), g.modulus(), g.maxRate(), g.resetsDaily(), calendar,
                g.interval());
        this.ledger = new RainLedger(calendar, spec.eventDry(), g.source() == RainGauge.Source.INTERVAL);
        this.tracker = new AlarmTracker(spec.ruleId(), List.of(spec.channel()), occurrences, spec.debounce());
        this.faults = new AlarmTracker(spec.ruleId() + ".fault", List.of(spec.channel()), occurrences,
                Debounce.NONE);
        this.staleness = new Staleness(spec.staleAfter());
    }

    Spec spec() {
        return spec;
    }

    /** Rain in mm over a window at the newest reading. */
    double rainMm(RainWindow window) {
        return ledger.sum(window) / 1000.0;
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
        if (!reading.channel().equals(spec.channel()) || reading.quality() == Quality.BAD || number.isEmpty()) {
            return List.of(); // no data: a counter's next count still carries the rain of the gap
        }
        long at = reading.timestamp().toEpochMilli();
        boolean timeTrusted = reading.reason() != QualityReason.CLOCK_UNSYNCED;
        boolean valueTrusted = reading.quality() == Quality.GOOD || reading.reason() == QualityReason.STUCK
                || !timeTrusted; // a still counter in dry weather looks stuck, and is right
        if (!valueTrusted) {
            ledger.advance(at, false); // a fault rule doubts it: no rain from it, but time goes on
            return evaluate(at, site, new ArrayList<>(1));
        }
        RainGauge.Rain rain = gauge.accept(at, number.getAsDouble(), timeTrusted);
        if (!timeTrusted) {
            return List.of(); // its time means nothing; the next trusted reading carries its rain
        }
        staleness.usable(at);
        var events = new ArrayList<AlarmEvent>(2);
        String fault = rain.anomaly() == RainGauge.Anomaly.RESET ? COUNTER_RESET
                : rain.anomaly() == RainGauge.Anomaly.INVALID ? QualityReason.OUT_OF_RANGE.name()
                : rain.doubtful() ? RAIN_CLAMPED : null;
        faults.evaluate(reading.timestamp(), fault == null ? null : AlarmLevel.FAULT, AlarmLevel.FAULT,
                l -> new AlarmTracker.Detail(number.getAsDouble(), null, null, fault), site).ifPresent(events::add);
        if (rain.carriedMicrometres() > 0) {
            ledger.book(rain.carriedFromMillis(), at, rain.carriedMicrometres(), false);
        }
        if (!rain.hasInterval()) {
            ledger.advance(at, false);
        } else if (spec.gauge().source() == RainGauge.Source.INTERVAL) {
            ledger.bookInterval(rain.fromMillis(), rain.toMillis(), rain.micrometres(), rain.doubtful());
        } else {
            ledger.book(rain.fromMillis(), rain.toMillis(), rain.micrometres(), rain.doubtful());
        }
        return evaluate(at, site, events);
    }

    @Override
    public List<AlarmEvent> onTick(Instant now, SiteInfo site) {
        if (!staleness.check(now.toEpochMilli())) {
            return List.of();
        }
        ledger.advance(now.toEpochMilli(), true);
        return evaluate(Math.max(now.toEpochMilli(), ledger.head()), site, new ArrayList<>(1));
    }

    private List<AlarmEvent> evaluate(long at, SiteInfo site, List<AlarmEvent> events) {
        AlarmLevel current = tracker.level().orElse(null);
        AlarmLevel target = staleness.cap(target(current), current);
        tracker.evaluate(Instant.ofEpochMilli(at), target, spec.criteria().lowest(), this::detail, site)
                .ifPresent(events::add);
        if (spec.publish()) {
            ledger.drain().forEach(p -> derived.add(reading(p)));
        } else {
            ledger.drain();
        }
        return events;
    }

    private Reading reading(RainLedger.Product product) {
        String suffix = switch (product.kind()) {
            case HOUR -> HOURLY;
            case DAY -> DAILY;
            case EVENT -> EVENT;
        };
        Quality quality = product.doubtful() || product.estimated() ? Quality.UNCERTAIN : Quality.GOOD;
        QualityReason reason = product.doubtful() ? QualityReason.OUT_OF_RANGE
                : product.estimated() ? QualityReason.STALE : null;
        return new Reading(spec.channel() + suffix, Instant.ofEpochMilli(product.endMillis()),
                product.micrometres() / 1000.0, "mm", quality, reason);
    }

    @Override
    public List<Reading> takeDerived() {
        if (derived.isEmpty()) {
            return List.of();
        }
        List<Reading> taken = List.copyOf(derived);
        derived.clear();
        return taken;
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
            boolean held = current != null && c.level().compareTo(current) <= 0 && mm >= c.mm() - spec.hysteresis(c);
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
        String reason = staleness.reason();
        return best == null ? new AlarmTracker.Detail(null, null, null, reason)
                : new AlarmTracker.Detail(rainMm(best.window()), best.mm(), best.window().duration(), reason);
    }

    @Override
    public List<AlarmEvent> acknowledge(String alarmId, Instant at, SiteInfo site) {
        var events = new ArrayList<AlarmEvent>(1);
        tracker.acknowledge(alarmId, at, site).ifPresent(events::add);
        faults.acknowledge(alarmId, at, site).ifPresent(events::add);
        return events;
    }

    @Override
    public void onClockStep(long millis) {
        ledger.shift(millis);
        gauge.shift(millis);
        tracker.shift(millis);
        faults.shift(millis);
        staleness.shift(millis);
    }

    @Override
    public void writeAlarms(DataOutput out) throws IOException {
        tracker.write(out);
        faults.write(out);
    }

    @Override
    public void readAlarms(DataInput in, int version) throws IOException {
        tracker.read(in, version);
        faults.read(in, version);
    }

    @Override
    public void writeWindows(DataOutput out) throws IOException {
        gauge.write(out);
        ledger.write(out);
        staleness.write(out);
    }

    @Override
    public void readWindows(DataInput in, int version) throws IOException {
        if (version < 2) {
            readLegacyWindows(in);
            return;
        }
        gauge.read(in);
        ledger.read(in);
        staleness.read(in);
    }

    /** Format 1: the gauge, one ring of 1,440 one-minute buckets (longs), the day's date and total. */
    private void readLegacyWindows(DataInput in) throws IOException {
        gauge.readLegacy(in);
        in.readLong(); // bucket length: one minute
        int length = in.readInt();
        long head = in.readLong();
        long[] ring = new long[length];
        for (int i = 0; i < length; i++) {
            ring[i] = in.readLong();
        }
        long epochDay = in.readLong();
        long total = in.readLong();
        if (head == Long.MIN_VALUE) {
            return;
        }
        long[] oldestFirst = new long[length];
        for (int k = 0; k < length; k++) {
            long index = head - length + 1 + k;
            oldestFirst[k] = ring[(int) Math.floorMod(index, (long) length)];
        }
        ledger.loadLegacy(head, oldestFirst, epochDay == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(epochDay),
                total);
        staleness.restart(head * RainLedger.FINE_MS);
    }

    @Override
    public long retainedBytes() {
        return ledger.retainedBytes() + 600;
    }
}
