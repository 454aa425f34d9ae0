package io.weir.gpio.internal;

import static io.weir.api.AlarmLevel.BLUE;
import static io.weir.api.AlarmLevel.FAULT;
import static io.weir.api.AlarmLevel.ORANGE;
import static io.weir.api.AlarmLevel.RED;
import static io.weir.api.AlarmLevel.YELLOW;
import static io.weir.api.AlarmTransition.ACKNOWLEDGED;
import static io.weir.api.AlarmTransition.CLEARED;
import static io.weir.api.AlarmTransition.DEESCALATED;
import static io.weir.api.AlarmTransition.ESCALATED;
import static io.weir.api.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmLevel;
import io.weir.api.AlarmTransition;
import io.weir.api.SiteInfo;

class AlarmLatchTest {

    static final SiteInfo SITE = new SiteInfo("gw-yx-001", "62001200", "Yuxi River Station", 30.2741, 120.1551);
    static final Instant T0 = Instant.parse("2021-07-20T08:00:00Z");

    static AlarmEvent event(String id, AlarmLevel level, AlarmTransition transition) {
        return new AlarmEvent(id, "river-level", List.of("62001200/radar-1/water_level"), level, transition, null,
                null, null, 1, T0, SITE);
    }

    @Test
    void latchesAtOrAboveTheTriggerUntilAcknowledged() {
        var latch = new AlarmLatch(ORANGE, false);
        assertThat(latch.apply(event("a", YELLOW, RAISED))).isFalse();
        assertThat(latch.apply(event("a", ORANGE, ESCALATED))).isTrue();
        assertThat(latch.apply(event("a", YELLOW, DEESCALATED))).isTrue();
        assertThat(latch.apply(event("a", BLUE, CLEARED))).isTrue();
        assertThat(latch.apply(event("a", BLUE, ACKNOWLEDGED))).isFalse();
    }

    @Test
    void releasesOnClearWhenConfigured() {
        var latch = new AlarmLatch(RED, true);
        latch.apply(event("a", RED, RAISED));
        assertThat(latch.apply(event("a", BLUE, CLEARED))).isFalse();
    }

    @Test
    void anEscalationAfterAnAcknowledgementLatchesAgain() {
        var latch = new AlarmLatch(YELLOW, false);
        latch.apply(event("a", YELLOW, RAISED));
        assertThat(latch.apply(event("a", YELLOW, ACKNOWLEDGED))).isFalse();
        assertThat(latch.apply(event("a", RED, ESCALATED))).isTrue();
    }

    @Test
    void staysOnWhileAnyAlarmHoldsIt() {
        var latch = new AlarmLatch(BLUE, false);
        latch.apply(event("a", BLUE, RAISED));
        latch.apply(event("b", RED, RAISED));
        assertThat(latch.apply(event("a", BLUE, ACKNOWLEDGED))).isTrue();
        assertThat(latch.holding()).containsExactly("b");
        assertThat(latch.apply(event("c", RED, ACKNOWLEDGED))).isTrue();
        assertThat(latch.apply(event("b", RED, ACKNOWLEDGED))).isFalse();
    }

    @Test
    void aBrokenSensorNeverSoundsAFloodSiren() {
        var siren = new AlarmLatch(BLUE, false);
        var maintenanceLamp = new AlarmLatch(FAULT, false);
        assertThat(siren.apply(event("f", FAULT, RAISED))).isFalse();
        assertThat(maintenanceLamp.apply(event("f", FAULT, RAISED))).isTrue();
        assertThat(maintenanceLamp.apply(event("r", RED, RAISED))).isTrue();
        assertThat(maintenanceLamp.holding()).containsExactly("f");
    }
}
