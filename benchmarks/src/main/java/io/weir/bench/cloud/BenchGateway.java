package io.weir.bench.cloud;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A gateway as the broker sees it: a Paho MQTT v3 client publishing QoS 1, as the real gateways do, but keeping
 * up to {@code window} publishes in flight so it sends as fast as the broker acknowledges.
 */
final class BenchGateway implements AutoCloseable {
    private final String gatewayId;
    private final MqttAsyncClient client;
    private final int window;
    private final Semaphore slots;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final IMqttActionListener acked = new IMqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
            slots.release();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable problem) {
            failure.compareAndSet(null, problem);
            slots.release();
        }
    };

    private BenchGateway(String gatewayId, MqttAsyncClient client, int window) {
        this.gatewayId = gatewayId;
        this.client = client;
        this.window = window;
        this.slots = new Semaphore(window);
    }

    static BenchGateway connect(String brokerUrl, String gatewayId, int window) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(brokerUrl, "bench-" + gatewayId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        // Paho frees its own in-flight slot a little after the token completes: leave it room
        options.setMaxInflight(window * 2);
        client.connect(options).waitForCompletion(30_000);
        return new BenchGateway(gatewayId, client, window);
    }

    String topic(String kind) {
        return "weir/v1/" + gatewayId + "/" + kind;
    }

    /** Publishes QoS 1; blocks only while {@code window} publishes await their PUBACK. */
    void publish(String kind, byte[] payload) throws Exception {
        slots.acquire();
        check();
        client.publish(topic(kind), payload, 1, false, null, acked);
    }

    /** Waits until every publish so far is acknowledged by the broker. */
    void awaitAcknowledged(long timeoutMillis) throws Exception {
        if (!slots.tryAcquire(window, timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(gatewayId + ": publishes not acknowledged within " + timeoutMillis + " ms");
        }
        slots.release(window);
        check();
    }

    private void check() {
        Throwable problem = failure.get();
        if (problem != null) {
            throw new IllegalStateException(gatewayId + ": publish failed: " + problem, problem);
        }
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(10_000);
            }
        } finally {
            client.close(true);
        }
    }
}
