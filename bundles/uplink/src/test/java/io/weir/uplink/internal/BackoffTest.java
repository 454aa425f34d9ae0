package io.weir.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

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

    @Test
    void aGatewayRetriesWithinFiveSecondsHoweverLongTheBrokerWasAwayUnlessConfiguredOtherwise() {
        UplinkOptions defaults = UplinkOptions.of(config(Map.of("brokerUrl", "tcp://broker.example:1883")));
        assertThat(defaults.maxReconnectDelay()).isEqualTo(Duration.ofSeconds(5));

        var random = new Random(18);
        var backoff = new Backoff(MqttConnection.FIRST_RECONNECT_DELAY, defaults.maxReconnectDelay(),
                random::nextDouble);
        Duration first = backoff.nextDelay();
        assertThat(first).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        for (int failure = 2; failure <= 1000; failure++) { // an outage of an hour or more
            assertThat(backoff.nextDelay()).isLessThanOrEqualTo(Duration.ofSeconds(5));
        }
        // jittered: a fleet that lost its broker together does not come back in step
        assertThat(java.util.stream.IntStream.range(0, 20).mapToObj(i -> backoff.nextDelay()).distinct().count())
                .isGreaterThan(10);
    }

    /** The configuration ConfigAdmin would hand over: the given values, the annotation's defaults for the rest. */
    private static UplinkConfig config(Map<String, Object> values) {
        return (UplinkConfig) Proxy.newProxyInstance(UplinkConfig.class.getClassLoader(),
                new Class<?>[] {UplinkConfig.class}, (proxy, method, args) -> {
                    Object value = values.get(method.getName());
                    return value != null ? value : method.getDefaultValue();
                });
    }
}
