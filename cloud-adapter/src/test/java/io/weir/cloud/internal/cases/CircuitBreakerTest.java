package io.weir.cloud.internal.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-11-21T08:00:00Z"));
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

    @Test
    void opensAfterTheThresholdAndLetsOneTrialThroughAfterTheCoolDown() {
        breaker.onFailure();
        breaker.onFailure();
        assertThat(breaker.allowRequest()).isTrue();
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.allowRequest()).isFalse();

        clock.advance(Duration.ofSeconds(30));
        assertThat(breaker.allowRequest()).as("the trial").isTrue();
        assertThat(breaker.allowRequest()).as("only one trial at a time").isFalse();
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);

        clock.advance(Duration.ofSeconds(30));
        assertThat(breaker.allowRequest()).isTrue();
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.allowRequest()).isTrue();
    }

    @Test
    void aSuccessResetsTheCount() {
        breaker.onFailure();
        breaker.onFailure();
        breaker.onSuccess();
        breaker.onFailure();
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
