package io.weir.simulator.broker;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** An MQTT 5 client in the way the cloud adapter uses one: a persistent session and acknowledgements by hand. */
final class V5Subscriber implements AutoCloseable {

    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private V5Subscriber(MqttClient client) {
        this.client = client;
    }

    static V5Subscriber connect(String url, String clientId, boolean manualAcks) throws MqttException {
        MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
        V5Subscriber subscriber = new V5Subscriber(client);
        client.setManualAcks(manualAcks);
        client.setCallback(subscriber.callback());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        options.setAutomaticReconnect(false);
        client.connect(options);
        return subscriber;
    }

    void subscribe(String filter, int qos) throws MqttException {
        client.subscribe(filter, qos);
    }

    void publish(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, false);
    }

    List<Received> received() {
        return received;
    }

    void ack(Received message) throws MqttException {
        client.messageArrivedComplete(message.messageId(), message.qos());
    }

    /** Leaves without a DISCONNECT carrying a session expiry of 0, so the broker keeps the session. */
    void disconnect() throws MqttException {
        client.disconnect();
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
            public void messageArrived(String topic, MqttMessage message) {
                received.add(Received.of(topic, message.getPayload(), message.getQos(), message.isRetained(),
                        message.isDuplicate(), message.getId()));
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        };
    }
}
