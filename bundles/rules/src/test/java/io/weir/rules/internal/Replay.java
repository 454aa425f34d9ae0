package io.weir.rules.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmListener;
import io.weir.api.Reading;
import io.weir.api.Site;
import io.weir.api.SiteInfo;
import io.weir.testing.TestClock;

/**
 * Feeds a series of readings through an engine, its clock following the readings, and records every event and
 * every derived reading (rain totals) the engine publishes.
 */
final class Replay implements AlarmListener {

    static final SiteInfo SITE = new SiteInfo("gw-yx-001", "62001200", "Yuxi River Station", 30.2741, 120.1551);
    static final Site SITE_SERVICE = () -> SITE;
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    final MutableClock clock;
    final RuleEngine engine;
    final List<AlarmEvent> events = new ArrayList<>();
    final List<Reading> derived = new ArrayList<>();

    Replay(Instant start) {
        this(new MutableClock(start), null);
    }

    Replay(MutableClock clock, RuleEngine engine) {
        this.clock = clock;
        this.engine = engine != null ? engine : new RuleEngine(clock, clock::nanos, SITE_SERVICE::info,
                Optional.empty(), Optional.empty(), Duration.ofMinutes(5));
        this.engine.addAlarmListener(this);
        this.engine.derivedSink(derived::addAll);
    }

    @Override
    public void onAlarm(AlarmEvent event) {
        events.add(event);
    }

    /** Registers a rule with the engine and gives it back. */
    <R extends ChannelRule> R add(R rule) {
        engine.register(rule);
        return rule;
    }

    void feed(Reading reading) {
        clock.set(reading.timestamp());
        engine.onReadings(List.of(reading));
    }

    /**
     * The shared test clock with a monotonic clock beside it: setting it moves time on (the monotonic clock too, as
     * time really passing would); {@link #step} moves the wall clock alone, as someone setting the clock would.
     */
    static final class MutableClock extends TestClock {
        private long nanos;

        MutableClock(Instant now) {
            super(now);
        }

        @Override
        public void set(Instant instant) {
            nanos += Duration.between(instant(), instant).toNanos();
            super.set(instant);
        }

        @Override
        public void advance(Duration by) {
            nanos += by.toNanos();
            super.advance(by);
        }

        void step(Duration by) {
            super.set(instant().plus(by));
        }

        long nanos() {
            return nanos;
        }
    }
}
