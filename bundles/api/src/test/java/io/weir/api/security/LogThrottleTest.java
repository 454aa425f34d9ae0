package io.weir.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class LogThrottleTest {

    private Instant now = Instant.parse("2026-11-21T08:00:00Z");

    @Test
    void oneLinePerPeriodAndTheNextSaysHowManyWereHeldBack() {
        var throttle = new LogThrottle(new Clock() {
            @Override
            public Instant instant() {
                return now;
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        }, Duration.ofSeconds(60));

        assertThat(throttle.permit()).isEqualTo(OptionalLong.of(0));
        for (int i = 0; i < 500; i++) {
            assertThat(throttle.permit()).isEmpty();
        }
        now = now.plusSeconds(60);

        assertThat(throttle.permit()).isEqualTo(OptionalLong.of(500));
        assertThat(LogThrottle.heldBack(500)).isEqualTo(" (500 more like it held back)");
        assertThat(LogThrottle.heldBack(0)).isEmpty();
    }
}
