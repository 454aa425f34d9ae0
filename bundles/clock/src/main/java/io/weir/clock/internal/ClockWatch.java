package io.weir.clock.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.GatewayEvent;
import io.weir.api.time.ClockStatus;
import io.weir.api.time.ClockStep;
import io.weir.api.time.TimeTrust;

/**
 * Whether the system clock can be trusted, as plain Java: {@link #probe} asks the sources in order (the first that
 * can answer decides; a clock that reads a time before {@code notBefore} is never synchronised), {@link #tick}
 * compares the wall clock with the monotonic one and calls a jump beyond the threshold a step. Both run on one
 * thread; the status is read from any.
 */
final class ClockWatch implements TimeTrust {

    private static final Logger LOG = LoggerFactory.getLogger(ClockWatch.class);

    private final List<SyncProbe> probes;
    private final ClockOptions options;
    private final Clock wall;
    private final LongSupplier monotonicNanos;
    private final Consumer<GatewayEvent> events;
    private volatile ClockStatus status;
    // Only the probing thread touches these.
    private boolean ticked;
    private long lastMonotonic;
    private Instant lastWall;
    private long unsynchronisedSince;
    private ClockStep lastStep;
    private long steps;

    /**
     * @param monotonicNanos a clock that is never set, e.g. {@code System::nanoTime}
     * @param events         receives CLOCK_SYNCHRONISED, CLOCK_UNSYNCHRONISED and CLOCK_STEPPED
     */
    ClockWatch(List<SyncProbe> probes, ClockOptions options, Clock wall, LongSupplier monotonicNanos,
               Consumer<GatewayEvent> events) {
        this.probes = List.copyOf(probes);
        this.options = options;
        this.wall = wall;
        this.monotonicNanos = monotonicNanos;
        this.events = events;
    }

    private record Decision(boolean synchronised, String source, String detail) {
    }

    /** Asks the sources and updates the status; an event and a log line when synchronisation is won or lost. */
    void probe() {
        Instant now = wall.instant();
        Decision d = decide(now);
        ClockStatus before = status;
        boolean changed = before == null || before.synchronised() != d.synchronised();
        status = new ClockStatus(d.synchronised(), d.source(), d.detail(), changed ? now : before.since(), lastStep,
                steps);
        if (!changed) {
            return;
        }
        if (d.synchronised()) {
            if (before != null) {
                long unsyncedFor = Duration.ofNanos(monotonicNanos.getAsLong() - unsynchronisedSince).toSeconds();
                LOG.info("system clock synchronised ({}: {}) after {} s; readings are GOOD again", d.source(),
                        d.detail(), unsyncedFor);
                publish("CLOCK_SYNCHRONISED", now, d, Map.of("unsynchronisedSeconds", unsyncedFor));
            } else {
                LOG.info("system clock synchronised ({}: {})", d.source(), d.detail());
            }
        } else {
            unsynchronisedSince = monotonicNanos.getAsLong();
            LOG.warn("system clock NOT synchronised ({}: {}): readings are marked UNCERTAIN / CLOCK_UNSYNCED until "
                    + "it is", d.source(), d.detail());
            publish("CLOCK_UNSYNCHRONISED", now, d, Map.of());
        }
    }

    private Decision decide(Instant now) {
        if (now.isBefore(options.notBefore())) {
            return new Decision(false, "floor", "the clock reads " + now + ", before " + options.notBefore()
                    + ": it has not been set since boot");
        }
        var unavailable = new ArrayList<String>();
        for (SyncProbe probe : probes) {
            SyncProbe.Answer answer = probe.ask();
            if (answer.verdict() != SyncProbe.Verdict.UNAVAILABLE) {
                return new Decision(answer.verdict() == SyncProbe.Verdict.SYNCHRONISED, probe.name(),
                        answer.detail());
            }
            unavailable.add(probe.name() + ": " + answer.detail());
        }
        return new Decision(true, "none", unavailable.isEmpty() ? "no source configured; the clock is trusted"
                : "no source could answer (" + String.join("; ", unavailable) + "); the clock is trusted");
    }

    /**
     * Compares how far the wall clock moved since the last tick with how far the monotonic clock did: a difference
     * of at least the threshold is a step (a synchronisation setting the time, {@code date -s}, a bad RTC). A step
     * is an event, and the sources are asked again at once.
     */
    void tick() {
        long monotonic = monotonicNanos.getAsLong();
        Instant now = wall.instant();
        if (ticked) {
            long elapsed = monotonic - lastMonotonic;
            long jump = Duration.between(lastWall, now).toNanos() - elapsed;
            if (Math.abs(jump) >= options.stepThreshold().toNanos()) {
                Instant expected = lastWall.plusNanos(elapsed);
                steps++;
                lastStep = new ClockStep(now, Duration.ofNanos(jump));
                LOG.warn("system clock stepped by {} ms: it read {} where {} was due", jump / 1_000_000, now,
                        expected);
                var details = new LinkedHashMap<String, Object>();
                details.put("jumpMillis", jump / 1_000_000);
                details.put("from", expected.toString());
                details.put("to", now.toString());
                events.accept(new GatewayEvent("CLOCK_STEPPED", now, "clock", details));
                probe();
            }
        }
        lastMonotonic = monotonic;
        lastWall = now;
        ticked = true;
    }

    private void publish(String type, Instant now, Decision d, Map<String, Object> more) {
        var details = new LinkedHashMap<String, Object>();
        details.put("clockSource", d.source());
        details.put("detail", d.detail());
        details.putAll(more);
        events.accept(new GatewayEvent(type, now, "clock", details));
    }

    @Override
    public boolean synchronised() {
        ClockStatus s = status;
        return s == null || s.synchronised(); // not asked yet: nothing to say against it
    }

    @Override
    public ClockStatus status() {
        ClockStatus s = status;
        return s != null ? s : new ClockStatus(true, "none", "not asked yet", wall.instant(), null, 0);
    }

    List<String> sources() {
        return probes.stream().map(SyncProbe::name).toList();
    }
}
