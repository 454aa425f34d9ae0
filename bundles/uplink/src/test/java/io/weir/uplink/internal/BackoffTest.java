package io.weir.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheCapWithJitterBetweenHalfAndAll() {
        var top = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 1.0);
        assertThat(top.nextDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(top.nextDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(top.nextDelay()).isEqualTo(Duration.ofSeconds(4));
        for (int i = 0; i < 40; i++) {
            top.nextDelay();
        }
        assertThat(top.nextDelay()).isEqualTo(Duration.ofSeconds(30));
        top.reset();
        assertThat(top.nextDelay()).isEqualTo(Duration.ofSeconds(1));

        var bottom = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.0);
        bottom.nextDelay();
        assertThat(bottom.nextDelay()).isEqualTo(Duration.ofSeconds(1));
    }
}
