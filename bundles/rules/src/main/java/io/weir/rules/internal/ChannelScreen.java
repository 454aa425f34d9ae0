package io.weir.rules.internal;

import java.util.List;

import io.weir.api.AlarmEvent;
import io.weir.api.Reading;
import io.weir.api.SiteInfo;

/**
 * A rule that judges a channel's health before any other rule sees its readings: a reading it finds faulty is
 * passed on flagged (not GOOD, with the reason), so it can neither raise nor clear a flood alarm.
 */
interface ChannelScreen extends ChannelRule {

    record Screened(Reading reading, List<AlarmEvent> events) {
    }

    Screened screen(Reading reading, SiteInfo site);

    @Override
    default List<AlarmEvent> onReading(Reading reading, SiteInfo site) {
        return screen(reading, site).events();
    }
}
