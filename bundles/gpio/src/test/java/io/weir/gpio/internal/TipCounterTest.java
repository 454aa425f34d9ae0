package io.weir.gpio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.weir.api.Quality;
import io.weir.api.Reading;

class TipCounterTest {

    static final Instant T0 = Instant.parse("2021-07-20T08:00:00Z");
    final TipCounter counter = new TipCounter("62001200/gpio/rain", 0.2, Duration.ofMillis(100));

    @Test
    void bouncesWithinTheSpacingAreNotRain() {
        assertThat(counter.tip(T0)).isTrue();
        assertThat(counter.tip(T0.plusMillis(3))).isFalse();
        assertThat(counter.tip(T0.plusMillis(99))).isFalse();
        assertThat(counter.tip(T0.plusMillis(100))).isTrue();
        assertThat(counter.bounces()).isEqualTo(2);
        assertThat(counter.report(T0.plusSeconds(1)).value()).isEqualTo(0.4);
    }

    @Test
    void spacingCountsFromTheLastCountedTipNotTheLastBounce() {
        counter.tip(T0);
        counter.tip(T0.plusMillis(60));
        assertThat(counter.tip(T0.plusMillis(120))).isTrue();
    }

    @Test
    void aReadingCarriesTheRainSinceThePreviousReading() {
        for (int i = 0; i < 7; i++) {
            counter.tip(T0.plusSeconds(i));
        }
        Reading first = counter.report(T0.plusSeconds(10));
        counter.tip(T0.plusSeconds(20));
        Reading second = counter.report(T0.plusSeconds(30));

        assertThat(first.value()).isEqualTo(1.4); // exact: counted in micrometres, no 0.2 * 7 drift
        assertThat(first.unit()).isEqualTo("mm");
        assertThat(first.quality()).isEqualTo(Quality.GOOD);
        assertThat(first.timestamp()).isEqualTo(T0.plusSeconds(10));
        assertThat(second.value()).isEqualTo(0.2);
        assertThat(counter.report(T0.plusSeconds(40)).value()).isEqualTo(0.0);
    }

    @Test
    void tipsAreEmptyWhenAnEarlierReadingTookThem() {
        counter.tip(T0);
        counter.tip(T0.plusSeconds(1));
        assertThat(counter.tips(T0.plusSeconds(1))).map(Reading::value).contains(0.4);
        assertThat(counter.tips(T0.plusSeconds(1))).isEmpty();
    }

    @Test
    void refusesANonPositiveResolution() {
        assertThatThrownBy(() -> new TipCounter("c", 0, Duration.ZERO)).hasMessageContaining("mm per tip");
    }
}
