package io.weir.simulator.broker;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** An MQTT 3.1.1 client in the way the gateway uses one. */
final class V3Client implements AutoCloseable {

    private final MqttClient client;
    private final RecordingSocketFactory sockets = new RecordingSocketFactory();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private V3Client(String url, String clientId) throws MqttException {
        this.client = new MqttClient(url, clientId, new MemoryPersistence());
    }

    static V3Client connect(String url, String clientId) throws MqttException {
        return connect(url, clientId, null, null);
    }

    /** Connects with a retained QoS 1 last will, when {@code willTopic} is not null. */
    static V3Client connect(String url, String clientId, String willTopic, String willPayload) throws MqttException {
        V3Client v3 = new V3Client(url, clientId);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setSocketFactory(v3.sockets);
        if (willTopic != null) {
            options.setWill(willTopic, willPayload.getBytes(StandardCharsets.UTF_8), 1, true);
        }
        v3.client.setCallback(v3.callback());
        v3.client.connect(options);
        return v3;
    }

    void publish(String topic, String payload, int qos, boolean retained) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retained);
    }

    void subscribe(String filter, int qos) throws MqttException {
        client.subscribe(filter, qos);
    }

    List<Received> received() {
        return received;
    }

    boolean isConnected() {
        return client.isConnected();
    }

    /** Cuts the TCP connection under the client, as a failing cellular link would. */
    void killConnection() {
        sockets.killAll();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }

    private MqttCallback callback() {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(Received.of(topic, message.getPayload(), message.getQos(), message.isRetained(),
                        message.isDuplicate(), message.getId()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        };
    }
}
