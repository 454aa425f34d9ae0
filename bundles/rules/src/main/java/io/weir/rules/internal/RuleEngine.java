package io.weir.rules.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.Acknowledgement;
import io.weir.api.AlarmEvent;
import io.weir.api.AlarmListener;
import io.weir.api.Quality;
import io.weir.api.QualityReason;
import io.weir.api.Reading;
import io.weir.api.SiteInfo;
import io.weir.rules.internal.RuleStateStore.Entry;

/**
 * Runs every configured rule on the readings, in one place so that a channel's fault rules judge each reading
 * before any flood rule sees it. Rules are looked up by channel, so a reading costs only the rules that watch it.
 * <p>
 * State: a rule's state is kept under its key. When a rule is replaced (its configuration changed) the new one
 * takes over the old one's alarm and windows, so a reload neither loses rain nor raises an open alarm again. Alarm
 * state is written to disk before the events of a batch are delivered, so after a restart an alarm goes on with its
 * id and sequence and is never raised twice; windows are written every {@code windowsEvery} and on close. All
 * methods are serialised; events are delivered in order on the caller's thread.
 * <p>
 * Composites: after a reading has gone through its channel's rules, every {@link CompositeRule} with an operand on
 * that channel is evaluated, so it sees its operands' new levels at the reading's time; on a tick every composite
 * is. An operand counts as faulty when it says so itself or when a fault rule of one of its channels has found a
 * fault. Composites of composites are evaluated in registration order (the site file does not allow them).
 * <p>
 * Time: a reading stamped more than {@link #FUTURE} ahead of the gateway's clock is treated as one taken before the
 * clock was synchronised (UNCERTAIN, CLOCK_UNSYNCED), which no rule lets raise anything. When the wall clock is
 * stepped while readings are trusted, every rule's times move with it ({@link ChannelRule#onClockStep}), so the
 * rain of the last hour stays in the last hour's window whichever way the clock went; a step before any trusted
 * reading (a gateway without a real-time clock synchronising after boot) moves nothing, so windows age by the time
 * that really passed.
 * <p>
 * Derived readings (rain totals) are handed to the derived sink after the engine's lock is released, so a sink that
 * stores them durably does not hold up other readings; they go to every reading listener but the engine, and no
 * rule watches a derived channel, so nothing feeds back.
 */
final class RuleEngine {

    private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);
    /** A reading stamped further ahead of the clock than this has a time that cannot be right. */
    static final Duration FUTURE = Duration.ofMinutes(5);

    private final Clock clock;
    private final ClockWatch clockWatch;
    private volatile Consumer<List<Reading>> derivedSink = readings -> { };
    private boolean trustedSeen;
    private final Supplier<SiteInfo> site;
    private final Optional<RuleStateStore> alarmStore;
    private final Optional<RuleStateStore> windowStore;
    private final Duration windowsEvery;
    private final OccurrenceNumbers occurrences = new EpochMillisOccurrences();
    private final AlarmListeners listeners = new AlarmListeners();

    private final Map<String, ChannelRule> rules = new LinkedHashMap<>();
    private final Map<String, List<ChannelScreen>> screens = new HashMap<>();
    private final Map<String, List<ChannelRule>> byChannel = new HashMap<>();
    private final Map<String, ChannelRule> byRuleId = new HashMap<>();
    private final List<CompositeRule> composites = new ArrayList<>();
    private final CompositeRule.Operands operands = this::operand;
    private final Map<String, Entry> savedAlarms;
    private final Map<String, Entry> savedWindows;
    private Instant windowsWritten;

    /**
     * @param alarmStore  where alarm state lives; empty to keep it in memory only (tests, benchmarks)
     * @param windowStore where window state lives; empty to keep it in memory only
     */
    RuleEngine(Clock clock, Supplier<SiteInfo> site, Optional<RuleStateStore> alarmStore,
               Optional<RuleStateStore> windowStore, Duration windowsEvery) {
        this(clock, () -> clock.millis() * 1_000_000, site, alarmStore, windowStore, windowsEvery);
    }

    /**
     * @param monotonicNanos a clock that is never stepped ({@code System::nanoTime}), to notice steps of the wall
     *                       clock; one that follows the wall clock notices none
     */
    RuleEngine(Clock clock, LongSupplier monotonicNanos, Supplier<SiteInfo> site,
               Optional<RuleStateStore> alarmStore, Optional<RuleStateStore> windowStore, Duration windowsEvery) {
        this.clock = clock;
        this.clockWatch = new ClockWatch(clock, monotonicNanos);
        this.site = site;
        this.alarmStore = alarmStore;
        this.windowStore = windowStore;
        this.windowsEvery = windowsEvery;
        this.savedAlarms = kept(alarmStore);
        this.savedWindows = kept(windowStore);
        this.windowsWritten = clock.instant();
        clockWatch.step();
    }

    private static Map<String, Entry> kept(Optional<RuleStateStore> store) {
        return new HashMap<>(store.map(RuleStateStore::read).orElse(Map.of()));
    }

    /** In memory only: for tests and benchmarks. */
    static RuleEngine inMemory(Clock clock, Supplier<SiteInfo> site) {
        return new RuleEngine(clock, site, Optional.empty(), Optional.empty(), Duration.ofMinutes(5));
    }

    /** Where derived readings (rain totals) go: the reading listeners other than the engine. */
    void derivedSink(Consumer<List<Reading>> sink) {
        this.derivedSink = sink;
    }

    OccurrenceNumbers occurrences() {
        return occurrences;
    }

    void addAlarmListener(AlarmListener listener) {
        addAlarmListener(listener, false);
    }

    /** @param currentAlarms tell it first of the alarms active now ({@link AlarmListener#CURRENT_ALARMS}) */
    void addAlarmListener(AlarmListener listener, boolean currentAlarms) {
        listeners.add(listener, currentAlarms);
    }

    void removeAlarmListener(AlarmListener listener) {
        listeners.remove(listener);
    }

    /** Adds a rule, or replaces the rule of the same key; either way it takes over the state kept under its key. */
    synchronized void register(ChannelRule rule) {
        ChannelRule previous = rules.get(rule.key());
        if (previous != null) {
            keepState(previous);
            detach(previous);
        }
        restore(rule);
        rules.put(rule.key(), rule);
        byRuleId.put(rule.ruleId(), rule);
        if (rule instanceof CompositeRule composite) {
            composites.add(composite);
        }
        for (String channel : rule.channels()) {
            if (rule instanceof ChannelScreen screen) {
                screens.computeIfAbsent(channel, c -> new ArrayList<>()).add(screen);
            } else {
                byChannel.computeIfAbsent(channel, c -> new ArrayList<>()).add(rule);
            }
        }
    }

    /** Removes the rule if it is still the registered one for its key, keeping its state for a successor. */
    synchronized void unregister(ChannelRule rule) {
        if (rules.get(rule.key()) == rule) {
            keepState(rule);
            detach(rule);
            rules.remove(rule.key());
        }
    }

    /** A composite's view of one operand: its level, and whether it or a fault rule of its channels is faulty. */
    private Optional<CompositeRule.OperandState> operand(String ruleId) {
        ChannelRule rule = byRuleId.get(ruleId);
        if (rule == null) {
            return Optional.empty();
        }
        boolean faulty = rule.faulty();
        for (String channel : rule.channels()) {
            for (ChannelScreen screen : screens.getOrDefault(channel, List.of())) {
                faulty |= screen.faulty();
            }
        }
        return Optional.of(new CompositeRule.OperandState(rule.warningLevel(), faulty, rule.channels()));
    }

    private void evaluateComposites(String channel, Instant at, SiteInfo info, List<AlarmEvent> events) {
        for (CompositeRule composite : composites) {
            if (channel == null || composite.watches(channel, operands)) {
                composite.evaluate(at, operands, info).ifPresent(events::add);
            }
        }
    }

    synchronized int size() {
        return rules.size();
    }

    void onReadings(List<Reading> readings) {
        var derived = new ArrayList<Reading>();
        synchronized (this) {
            SiteInfo info = site.get();
            Instant latest = clock.instant().plus(FUTURE);
            watchClock();
            var events = new ArrayList<AlarmEvent>();
            for (Reading reading : readings) {
                Reading screened = timed(reading, latest);
                trustedSeen |= screened.quality() != Quality.BAD && screened.reason() != QualityReason.CLOCK_UNSYNCED;
                for (ChannelScreen screen : screens.getOrDefault(reading.channel(), List.of())) {
                    ChannelScreen.Screened result = screen.screen(screened, info);
                    screened = result.reading();
                    events.addAll(result.events());
                }
                for (ChannelRule rule : byChannel.getOrDefault(reading.channel(), List.of())) {
                    events.addAll(rule.onReading(screened, info));
                    List<Reading> made = rule.takeDerived();
                    if (!made.isEmpty()) {
                        derived.addAll(made);
                    }
                }
                if (!composites.isEmpty() && screened.reason() != QualityReason.CLOCK_UNSYNCED) {
                    evaluateComposites(reading.channel(), reading.timestamp(), info, events);
                }
            }
            finish(events);
        }
        deliver(derived);
    }

    /** A reading stamped in the future of the clock: its time cannot be right, so it is treated as unsynchronised. */
    private static Reading timed(Reading reading, Instant latest) {
        if (reading.quality() == Quality.BAD || !reading.timestamp().isAfter(latest)) {
            return reading;
        }
        return new Reading(reading.channel(), reading.timestamp(), reading.value(), reading.unit(),
                Quality.UNCERTAIN, QualityReason.CLOCK_UNSYNCED, reading.decimals());
    }

    /** Moves every rule's times with a step of the wall clock, once readings have been trusted. */
    private void watchClock() {
        long step = clockWatch.step();
        if (step == 0) {
            return;
        }
        if (!trustedSeen) {
            LOG.info("wall clock stepped by {} before any trusted reading: windows stay as they are",
                    Duration.ofMillis(step));
            return;
        }
        LOG.warn("wall clock stepped by {}: rule windows and timers move with it", Duration.ofMillis(step));
        for (ChannelRule rule : rules.values()) {
            rule.onClockStep(step);
        }
    }

    private void deliver(List<Reading> derived) {
        if (derived.isEmpty()) {
            return;
        }
        try {
            derivedSink.accept(List.copyOf(derived));
        } catch (RuntimeException e) {
            LOG.error("derived readings ({}) could not be handed on", derived.size(), e);
        }
    }

    /** Time passing: checks for missing data, and writes the windows when they are due. */
    void tick() {
        var derived = new ArrayList<Reading>();
        synchronized (this) {
            SiteInfo info = site.get();
            watchClock();
            Instant now = clock.instant();
            var events = new ArrayList<AlarmEvent>();
            for (ChannelRule rule : rules.values()) {
                events.addAll(rule.onTick(now, info));
                derived.addAll(rule.takeDerived());
            }
            evaluateComposites(null, now, info, events);
            finish(events);
        }
        deliver(derived);
    }

    /**
     * A technician confirms the value a fault rule doubts (a jump beyond what the channel can physically do).
     *
     * @return false when no fault rule of that id is registered
     */
    synchronized boolean confirm(String ruleId, String by) {
        ChannelRule rule = byRuleId.get(ruleId);
        if (!(rule instanceof FaultRule fault)) {
            return false;
        }
        List<AlarmEvent> events = fault.confirm(clock.instant(), site.get());
        LOG.info("rule {}: value confirmed by {}", ruleId, by);
        finish(new ArrayList<>(events));
        return true;
    }

    synchronized boolean acknowledge(String alarmId, String by) {
        return acknowledge(alarmId, new Acknowledgement(by, "", false));
    }

    /** The ACKNOWLEDGED event carries {@code by}: the cloud learns whether the alarm was taken on site. */
    synchronized boolean acknowledge(String alarmId, Acknowledgement by) {
        SiteInfo info = site.get();
        Instant now = clock.instant();
        var events = new ArrayList<AlarmEvent>();
        for (ChannelRule rule : rules.values()) {
            rule.acknowledge(alarmId, now, info).forEach(e -> events.add(e.acknowledgedBy(by)));
        }
        if (!events.isEmpty()) {
            LOG.info("alarm {} acknowledged by {}", alarmId, by);
        }
        finish(events);
        return !events.isEmpty();
    }

    /** Writes everything; the last call before the engine is dropped. */
    synchronized void close() {
        writeAlarms();
        writeWindows();
    }

    private void finish(List<AlarmEvent> events) {
        if (!events.isEmpty()) {
            writeAlarms(); // durable before anyone hears of it: a restart cannot raise the same alarm again
            for (AlarmEvent event : events) {
                LOG.info("rule {}: alarm {} {} {} value {} threshold {} window {}", event.ruleId(), event.alarmId(),
                        event.transition(), event.level(), event.value(), event.threshold(), event.window());
                listeners.deliver(event);
            }
        }
        if (windowStore.isPresent() && !clock.instant().isBefore(windowsWritten.plus(windowsEvery))) {
            writeWindows();
        }
    }

    private void keepState(ChannelRule rule) {
        bytes(rule::writeAlarms).ifPresent(b -> savedAlarms.put(rule.key(), new Entry(RuleStateStore.VERSION, b)));
        bytes(rule::writeWindows).ifPresent(b -> savedWindows.put(rule.key(),
                new Entry(RuleStateStore.VERSION, b)));
    }

    private void restore(ChannelRule rule) {
        Entry alarms = savedAlarms.get(rule.key());
        Entry windows = savedWindows.get(rule.key());
        try {
            if (alarms != null) {
                rule.readAlarms(new DataInputStream(new ByteArrayInputStream(alarms.bytes())), alarms.version());
            }
            if (windows != null) {
                rule.readWindows(new DataInputStream(new ByteArrayInputStream(windows.bytes())), windows.version());
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("state of rule {} is unreadable; it starts afresh", rule.key(), e);
        }
    }

    private void detach(ChannelRule rule) {
        byRuleId.remove(rule.ruleId(), rule);
        if (rule instanceof CompositeRule composite) {
            composites.remove(composite);
        }
        for (String channel : rule.channels()) {
            Optional.ofNullable(screens.get(channel)).ifPresent(l -> l.remove(rule));
            Optional.ofNullable(byChannel.get(channel)).ifPresent(l -> l.remove(rule));
        }
    }

    private void writeAlarms() {
        alarmStore.ifPresent(store -> write(store, savedAlarms, ChannelRule::writeAlarms));
    }

    private void writeWindows() {
        windowsWritten = clock.instant();
        windowStore.ifPresent(store -> write(store, savedWindows, ChannelRule::writeWindows));
    }

    private interface Writer {
        void write(ChannelRule rule, DataOutputStream out) throws IOException;
    }

    /**
     * The registered rules' state and that kept for rules not registered now (a reload in progress, or a rule not
     * back yet after an upgrade, whose state keeps the format it was written in).
     */
    private void write(RuleStateStore store, Map<String, Entry> kept, Writer writer) {
        var entries = new LinkedHashMap<>(kept);
        for (ChannelRule rule : rules.values()) {
            bytes(out -> writer.write(rule, out)).ifPresent(b -> entries.put(rule.key(),
                    new Entry(RuleStateStore.VERSION, b)));
        }
        try {
            store.write(entries);
        } catch (IOException e) {
            LOG.error("cannot write rule state; after a restart alarms may start afresh", e);
        }
    }

    private interface Part {
        void write(DataOutputStream out) throws IOException;
    }

    private static Optional<byte[]> bytes(Part part) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            part.write(out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.size() == 0 ? Optional.empty() : Optional.of(bytes.toByteArray());
    }
}
