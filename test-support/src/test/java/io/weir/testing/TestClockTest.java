package io.weir.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class TestClockTest {

    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

    @Test
    void standsStillUntilMovedAndAZoneViewSharesItsTime() {
        var clock = new TestClock(T0);
        Clock china = clock.withZone(ZoneId.of("Asia/Shanghai"));

        clock.advance(Duration.ofMinutes(5));

        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(300));
        assertThat(china.instant()).isEqualTo(clock.instant());
        assertThat(china.getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        clock.set(T0.minusSeconds(60));
        assertThat(china.instant()).isEqualTo(T0.minusSeconds(60));
    }
}
