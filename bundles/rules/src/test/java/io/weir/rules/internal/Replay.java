package io.weir.rules.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmListener;
import io.weir.api.Reading;
import io.weir.api.Site;
import io.weir.api.SiteInfo;

/** Feeds a series of readings through an engine, its clock following the readings, and records every event. */
final class Replay implements AlarmListener {

    static final SiteInfo SITE = new SiteInfo("gw-yx-001", "62001200", "Yuxi River Station", 30.2741, 120.1551);
    static final Site SITE_SERVICE = () -> SITE;
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    final MutableClock clock;
    final RuleEngine engine;
    final List<AlarmEvent> events = new ArrayList<>();

    Replay(Instant start) {
        this(new MutableClock(start), null);
    }

    Replay(MutableClock clock, RuleEngine engine) {
        this.clock = clock;
        this.engine = engine != null ? engine : RuleEngine.inMemory(clock, SITE_SERVICE::info);
        this.engine.addAlarmListener(this);
    }

    @Override
    public void onAlarm(AlarmEvent event) {
        events.add(event);
    }

    void feed(Reading reading) {
        clock.set(reading.timestamp());
        engine.onReadings(List.of(reading));
    }

    /** A clock the test moves; never the system's. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
