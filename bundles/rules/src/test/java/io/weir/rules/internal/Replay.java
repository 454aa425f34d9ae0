package io.weir.rules.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmListener;
import io.weir.api.Reading;
import io.weir.api.Site;
import io.weir.api.SiteInfo;
import io.weir.testing.TestClock;

/** Feeds a series of readings through an engine, its clock following the readings, and records every event. */
final class Replay implements AlarmListener {

    static final SiteInfo SITE = new SiteInfo("gw-yx-001", "62001200", "Yuxi River Station", 30.2741, 120.1551);
    static final Site SITE_SERVICE = () -> SITE;
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    final TestClock clock;
    final RuleEngine engine;
    final List<AlarmEvent> events = new ArrayList<>();

    Replay(Instant start) {
        this(new TestClock(start), null);
    }

    Replay(TestClock clock, RuleEngine engine) {
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
}
