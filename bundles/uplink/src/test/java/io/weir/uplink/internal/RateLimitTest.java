package io.weir.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimitTest {

    @Test
    void offByDefaultNeverWaits() {
        var limit = new RateLimit(0, () -> 0L);
        for (int i = 0; i < 10_000; i++) {
            assertThat(limit.tryAcquire()).isZero();
        }
    }

    @Test
    void allowsOneSecondsBurstThenSpacesMessagesEvenly() {
        var now = new AtomicLong(1_000_000_000_000L);
        var limit = new RateLimit(10, now::get);
        for (int i = 0; i < 10; i++) {
            assertThat(limit.tryAcquire()).as("burst %d", i).isZero();
        }
        assertThat(limit.tryAcquire()).isEqualTo(100_000_000L);
        now.addAndGet(40_000_000L);
        assertThat(limit.tryAcquire()).isEqualTo(60_000_000L);
        now.addAndGet(60_000_000L);
        assertThat(limit.tryAcquire()).isZero();
        assertThat(limit.tryAcquire()).isEqualTo(100_000_000L);
    }
}
