package io.weir.cloud.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogThrottleTest {

    @Test
    void aFloodOfRefusalsLogsAFewLinesAWindowAndThenSaysHowManyWereLeftOut() {
        TestClock clock = new TestClock(Instant.parse("2026-11-21T08:00:00Z"));
        LogThrottle throttle = new LogThrottle(2, Duration.ofMinutes(1), clock);
        assertThat(throttle.admit()).isZero();
        assertThat(throttle.admit()).isZero();
        for (int i = 0; i < 1000; i++) {
            assertThat(throttle.admit()).isEqualTo(-1);
        }
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.admit()).isEqualTo(1000);
        assertThat(throttle.admit()).isZero();
    }
}
