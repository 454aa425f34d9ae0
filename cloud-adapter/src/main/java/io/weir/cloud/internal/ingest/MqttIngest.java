package io.weir.cloud.internal.ingest;

import io.weir.cloud.internal.protocol.TopicKind;
import io.weir.cloud.internal.store.StoreException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT v5 side of ingest. A persistent session (clean start off, session expiry set) keeps QoS 1 messages at
 * the broker while the adapter is away; acknowledgements are manual and sent only after {@link IngestService}
 * committed the message. When the database fails, the message is retried in place with growing pauses (Paho
 * 1.2.5 swallows an exception thrown from the callback without reconnecting, so throwing would strand it); if the
 * adapter stops first, the message stays unacknowledged and the broker redelivers it to the next session.
 */
public final class MqttIngest implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttIngest.class);
    private static final int QOS = 1;
    private static final long FIRST_RETRY_MS = 100;
    private static final long LONGEST_RETRY_MS = 10_000;

    /**
     * @param sharedGroup   null, or the MQTT 5 shared-subscription group to subscribe through
     * @param sessionExpiry how long the broker keeps the session (and queues messages) while the adapter is away
     */
    public record Options(String brokerUrl, String clientId, String sharedGroup, Duration sessionExpiry,
                          Duration keepAlive, Duration operationTimeout) {

        public static Options of(String brokerUrl, String clientId, String sharedGroup) {
            return new Options(brokerUrl, clientId, sharedGroup, Duration.ofDays(7), Duration.ofSeconds(30),
                    Duration.ofSeconds(30));
        }
    }

    private final Options options;
    private final IngestService ingest;
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile MqttAsyncClient client;

    public MqttIngest(Options options, IngestService ingest) {
        this.options = options;
        this.ingest = ingest;
    }

    /** Connects and subscribes; returns once the subscriptions are granted. */
    public void start() throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(options.brokerUrl(), options.clientId(), new MemoryPersistence());
        client = c;
        c.setManualAcks(true);
        c.setCallback(new Callback());
        long timeout = options.operationTimeout().toMillis();
        c.connect(connectionOptions()).waitForCompletion(timeout);
        IMqttToken subscribed = c.subscribe(subscriptions());
        subscribed.waitForCompletion(timeout);
        checkGranted(subscribed);
        LOG.info("Subscribed to {} at {} as {}", Arrays.toString(topicFilters()), options.brokerUrl(),
                options.clientId());
    }

    /** Publishes on the adapter's connection and waits for the broker's PUBACK (QoS 1). */
    public void publish(String topic, byte[] payload) throws MqttException {
        MqttAsyncClient c = client;
        if (c == null) {
            throw new MqttException(32104); // Paho's "client not connected"
        }
        MqttMessage message = new MqttMessage(payload);
        message.setQos(QOS);
        c.publish(topic, message).waitForCompletion(options.operationTimeout().toMillis());
    }

    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    /** The topic filters subscribed to, with the shared-subscription prefix when a group is set. */
    public String[] topicFilters() {
        String prefix = options.sharedGroup() == null ? "" : "$share/" + options.sharedGroup() + "/";
        return Arrays.stream(TopicKind.values()).map(kind -> prefix + kind.filter()).toArray(String[]::new);
    }

    /** Disconnects after the message in progress (if any) is committed and acknowledged. */
    @Override
    public void close() {
        closing.countDown();
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnect(options.operationTimeout().toMillis())
                        .waitForCompletion(options.operationTimeout().toMillis());
            }
        } catch (MqttException e) {
            LOG.warn("MQTT disconnect did not complete cleanly: {}", e.toString());
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            LOG.warn("MQTT client close failed: {}", e.toString());
        }
    }

    private MqttConnectionOptions connectionOptions() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(options.sessionExpiry().toSeconds());
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 30);
        o.setKeepAliveInterval((int) options.keepAlive().toSeconds());
        o.setConnectionTimeout((int) options.operationTimeout().toSeconds());
        return o;
    }

    private MqttSubscription[] subscriptions() {
        return Arrays.stream(topicFilters()).map(f -> new MqttSubscription(f, QOS)).toArray(MqttSubscription[]::new);
    }

    private static void checkGranted(IMqttToken token) throws MqttException {
        for (int code : token.getReasonCodes()) {
            if (code > QOS) {
                throw new MqttException(code);
            }
        }
    }

    private final class Callback implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
            if (!commit(topic, message.getPayload())) {
                return;
            }
            try {
                client.messageArrivedComplete(message.getId(), message.getQos());
            } catch (MqttException e) {
                // committed but not acknowledged: the broker redelivers it and ingest drops the duplicate
                LOG.warn("Could not acknowledge the message on {}: {}", topic, e.toString());
            }
        }

        /** Commits the message, retrying while the database fails; false if the adapter stops first. */
        private boolean commit(String topic, byte[] payload) throws InterruptedException {
            long pause = FIRST_RETRY_MS;
            while (true) {
                try {
                    ingest.ingest(topic, payload);
                    return true;
                } catch (StoreException e) {
                    LOG.error("Could not commit the message on {}: {}; unacknowledged, retrying in {} ms", topic,
                            e.getMessage(), pause);
                }
                if (closing.await(pause, TimeUnit.MILLISECONDS)) {
                    LOG.warn("Stopping with the message on {} uncommitted; the broker will redeliver it", topic);
                    return false;
                }
                pause = Math.min(pause * 2, LONGEST_RETRY_MS);
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (!reconnect) {
                return;
            }
            LOG.info("Reconnected to {}; renewing subscriptions", serverUri);
            try {
                client.subscribe(subscriptions(), null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        LOG.debug("Subscriptions renewed");
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable failure) {
                        LOG.error("Renewing subscriptions failed", failure);
                    }
                }, new MqttProperties());
            } catch (MqttException e) {
                LOG.error("Renewing subscriptions failed", e);
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.warn("MQTT connection to {} lost ({}); reconnecting", options.brokerUrl(), response);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error: {}", exception.toString());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // the adapter publishes nothing
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
