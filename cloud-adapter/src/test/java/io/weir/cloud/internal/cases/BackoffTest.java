package io.weir.cloud.internal.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
    /** Always draws the top of the range it is asked for. */
    private static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    /** Always draws zero. */
    private static final RandomGenerator LOWEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public long nextLong(long bound) {
            return 0;
        }
    };

    @Test
    void ceilingDoublesUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), HIGHEST);
        assertThat(backoff.ceilingMillis(1)).isEqualTo(1000);
        assertThat(backoff.ceilingMillis(2)).isEqualTo(2000);
        assertThat(backoff.ceilingMillis(4)).isEqualTo(8000);
        assertThat(backoff.ceilingMillis(5)).isEqualTo(10_000);
        assertThat(backoff.ceilingMillis(1000)).isEqualTo(10_000);
    }

    @Test
    void fullJitterSpansZeroToTheCeiling() {
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), HIGHEST).delayAfter(3))
                .isEqualTo(Duration.ofSeconds(4));
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), LOWEST).delayAfter(3))
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void honoursRetryAfterButNotBeyondTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), LOWEST);
        assertThat(backoff.delayAfter(1, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delayAfter(1, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delayAfter(1, null)).isEqualTo(Duration.ZERO);
    }
}
