package io.weir.uplink.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A cloud-side test subscriber recording what arrives. */
final class Subscriber implements AutoCloseable {

    /** @param bytes the payload as it came, for one that is not text (compact telemetry) */
    record Message(String topic, String payload, boolean retained, byte[] bytes) {
    }

    private final MqttClient client;
    private final List<Message> received = new CopyOnWriteArrayList<>();

    Subscriber(String url, String filter) throws MqttException {
        client = new MqttClient(url, "test-subscriber-" + System.nanoTime(), new MemoryPersistence());
        var options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
        client.subscribe(filter, 1, (topic, m) ->
                received.add(new Message(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained(),
                        m.getPayload())));
    }

    /** Publishes at QoS 1 as the cloud would, for commands. */
    void publish(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    List<Message> received() {
        return List.copyOf(received);
    }

    List<Message> on(String topic) {
        return received.stream().filter(m -> m.topic().equals(topic)).toList();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
