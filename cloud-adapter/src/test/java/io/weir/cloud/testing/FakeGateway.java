package io.weir.cloud.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A gateway as the cloud sees it: a Paho MQTT v3 client (as the gateways use) publishing QoS 1, with its last will
 * on the retained state topic. {@link #dropConnection()} cuts the TCP connection without a DISCONNECT, so the
 * broker publishes the will.
 */
public final class FakeGateway implements AutoCloseable {
    private final String gatewayId;
    private final MqttClient client;
    private final CuttableSockets sockets;

    private FakeGateway(String gatewayId, MqttClient client, CuttableSockets sockets) {
        this.gatewayId = gatewayId;
        this.client = client;
        this.sockets = sockets;
    }

    public static FakeGateway connect(String brokerUrl, String gatewayId) throws MqttException {
        CuttableSockets sockets = new CuttableSockets();
        MqttClient client = new MqttClient(brokerUrl, "gw-" + gatewayId + "-" + System.nanoTime(),
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        // Publishes are synchronous, but Paho counts a message in flight a little after its PUBACK released the
        // caller; on a loaded machine a tight loop reached the default window of 10 and was refused (32202).
        options.setMaxInflight(1000);
        options.setSocketFactory(sockets);
        options.setWill(topic(gatewayId, "state"), Payloads.lastWill(gatewayId).getBytes(StandardCharsets.UTF_8),
                1, true);
        client.connect(options);
        return new FakeGateway(gatewayId, client, sockets);
    }

    public static String topic(String gatewayId, String kind) {
        return "weir/v1/" + gatewayId + "/" + kind;
    }

    /** Publishes QoS 1 on weir/v1/{gatewayId}/{kind}; state is retained, as the protocol says. */
    public void publish(String kind, String payload) throws MqttException {
        client.publish(topic(gatewayId, kind), payload.getBytes(StandardCharsets.UTF_8), 1, kind.equals("state"));
    }

    /** Publishes arbitrary bytes, for payloads that break the contract on purpose. */
    public void publishRaw(String kind, byte[] payload) throws MqttException {
        client.publish(topic(gatewayId, kind), payload, 1, false);
    }

    /** Cuts the connection as a power cut would: no DISCONNECT, so the broker publishes the last will. */
    public void dropConnection() {
        sockets.cutAll();
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
        } finally {
            client.close(true);
        }
    }

    /** Creates plain sockets and remembers them so a test can cut them. */
    private static final class CuttableSockets extends SocketFactory {
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        void cutAll() {
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        }

        private Socket remember(Socket socket) {
            sockets.add(socket);
            return socket;
        }

        @Override
        public Socket createSocket() {
            return remember(new Socket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return remember(new Socket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return remember(new Socket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return remember(new Socket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return remember(new Socket(address, port, localAddress, localPort));
        }
    }
}
