package io.weir.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.TimerPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

import io.weir.simulator.broker.EmbeddedBroker;
import io.weir.testing.Patience;

/**
 * Paho's client on the threads the uplink gives it: it connects, publishes and receives on a real broker, its
 * connecting thread is woken instead of sleeping while its threads start (the workaround is in force with the Paho
 * the gateway ships), and stopping Paho's threads never interrupts them.
 */
class PahoThreadsTest {

    @Test
    void pahoConnectsPublishesAndReceivesAndItsConnectIsWokenNotLeftAsleep() throws Exception {
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        var threads = new PahoThreads("paho-under-test", scheduler);
        try (var broker = EmbeddedBroker.start("127.0.0.1", 0)) {
            var client = new MqttAsyncClient(broker.url(), "paho-threads", new MemoryPersistence(),
                    new TimerPingSender(), threads);
            var received = new ArrayBlockingQueue<String>(1);
            var options = new MqttConnectOptions();
            options.setCleanSession(true);
            client.connect(options).waitForCompletion(Patience.LOCAL.toMillis());
            client.subscribe("echo", 1, (topic, message) ->
                    received.add(new String(message.getPayload(), StandardCharsets.UTF_8)))
                    .waitForCompletion(Patience.LOCAL.toMillis());
            client.publish("echo", "hello".getBytes(StandardCharsets.UTF_8), 1, false)
                    .waitForCompletion(Patience.LOCAL.toMillis());

            assertThat(received.poll(Patience.LOCAL.toSeconds(), TimeUnit.SECONDS)).isEqualTo("hello");
            assertThat(threads.wokenUp()).as("connecting thread woken while Paho's threads started").isPositive();

            client.disconnect().waitForCompletion(Patience.LOCAL.toMillis());
            client.close();
            threads.shutdown();
            assertThat(threads.awaitTermination(Patience.LOCAL.toSeconds(), TimeUnit.SECONDS))
                    .as("Paho's threads ended once it was closed").isTrue();
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void cancellingAThreadNeverInterruptsItAndAClosedExecutorSaysWhy() throws Exception {
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        var threads = new PahoThreads("paho-under-test", scheduler);
        try {
            var release = new CountDownLatch(1);
            var started = new CountDownLatch(1);
            var interrupted = new AtomicBoolean(true);
            var future = threads.submit(() -> {
                started.countDown();
                try {
                    release.await();
                    interrupted.set(false);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            });
            assertThat(started.await(Patience.LOCAL.toSeconds(), TimeUnit.SECONDS)).isTrue();
            future.cancel(true); // as Paho stops its receiver, sender and callback
            release.countDown();
            threads.shutdown();
            assertThat(threads.awaitTermination(Patience.LOCAL.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(interrupted).as("interrupted by the cancel").isFalse();

            assertThatThrownBy(() -> threads.execute(() -> { }))
                    .isInstanceOf(RejectedExecutionException.class)
                    .hasMessageContaining("paho-under-test: the MQTT client is closed");
        } finally {
            scheduler.shutdownNow();
        }
    }
}
