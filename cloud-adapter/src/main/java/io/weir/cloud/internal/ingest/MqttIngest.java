package io.weir.cloud.internal.ingest;

import io.weir.cloud.internal.protocol.TopicKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import javax.net.SocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT v5 side of ingest. A persistent session (clean start off, session expiry set) keeps QoS 1 messages at
 * the broker while the adapter is away; acknowledgements are manual and sent only after {@link IngestService}
 * committed the message.
 *
 * <p>Paho's callback thread only hands each message to a bounded queue and returns. One ingest thread takes what is
 * queued, up to {@value #BATCH_MAX} messages, commits them in one transaction and then acknowledges every one of
 * them, in arrival order. When the database fails, the batch is retried in place with growing pauses (nothing of it
 * is acknowledged meanwhile); if the adapter stops first, the messages stay unacknowledged and the broker
 * redelivers them to the next session, where the (gatewayId, seq) filter drops any copy already committed.
 *
 * <p>Back-pressure: the connection announces a Receive Maximum of {@value #IN_FLIGHT} (MQTT 5), so the broker
 * sends no more than that many QoS 1 messages before their PUBACKs, and since a PUBACK only follows the commit,
 * at most that many are ever waiting here. The queue holds as many; should a broker ignore the limit, the callback
 * thread waits for room, Paho stops reading the socket and TCP pushes back on the broker. The queued payloads are
 * also held to {@value #QUEUED_BYTES_MIN} bytes (or four of the largest messages) in all, the same way.
 *
 * <p>Reconnecting is ours, not Paho's: Paho's MQTT v5 client keeps doubling its automatic reconnect delay up to
 * 128 s whatever maximum it is given, so an adapter could stay away two minutes after the broker was back. After a
 * lost connection the adapter waits a random time up to a ceiling that doubles from {@code reconnectMin} to
 * {@code reconnectMax} (full jitter, so a fleet of adapters does not stampede a recovering broker), tries again, and
 * is back within {@code reconnectMax} of the broker's return. Messages of the lost connection that are committed
 * are not acknowledged on the new one (their packet identifiers may now name other messages): the broker
 * redelivers them and the duplicate filter drops them.
 *
 * <p>Bounded input: the connection announces a Maximum Packet Size (MQTT 5) a little over the largest payload
 * taken, so the broker never sends a larger message and Paho refuses one before allocating it; a payload over the
 * limit that still arrives is rejected unread by {@link IngestService}.
 */
public final class MqttIngest implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttIngest.class);
    private static final int QOS = 1;
    private static final long FIRST_RETRY_MS = 100;
    private static final long LONGEST_RETRY_MS = 10_000;
    /** Messages committed in one transaction at most. */
    static final int BATCH_MAX = 64;
    /** The Receive Maximum announced to the broker: unacknowledged messages in flight to this client. */
    static final int IN_FLIGHT = 1024;
    private static final long POLL_MS = 100;
    /** Room for the topic and properties of a PUBLISH packet beside its payload. */
    static final int PACKET_OVERHEAD = 64 * 1024;
    static final int QUEUED_BYTES_MIN = 64 * 1024 * 1024;

    /**
     * @param sharedGroup     null, or the MQTT 5 shared-subscription group to subscribe through
     * @param sessionExpiry   how long the broker keeps the session (and queues messages) while the adapter is away
     * @param access          credentials and TLS
     * @param maxMessageBytes the largest payload taken
     */
    public record Options(String brokerUrl, String clientId, String sharedGroup, Duration sessionExpiry,
                          Duration keepAlive, Duration operationTimeout, Access access, int maxMessageBytes,
                          Duration reconnectMin, Duration reconnectMax) {

        public static Options of(String brokerUrl, String clientId, String sharedGroup, Access access,
                                 int maxMessageBytes) {
            return new Options(brokerUrl, clientId, sharedGroup, Duration.ofDays(7), Duration.ofSeconds(30),
                    Duration.ofSeconds(30), access, maxMessageBytes, Duration.ofSeconds(1), Duration.ofSeconds(30));
        }

        /** Waits between reconnect attempts: the first ceiling and the longest. */
        public Options withReconnect(Duration min, Duration max) {
            return new Options(brokerUrl, clientId, sharedGroup, sessionExpiry, keepAlive, operationTimeout, access,
                    maxMessageBytes, min, max);
        }

        @Override
        public String toString() {
            return "Options[" + brokerUrl + ", clientId=" + clientId + ", user=" + access.username() + "]";
        }
    }

    /**
     * How the adapter proves who it is: a user name and password (null for none) and, for TLS, a socket factory
     * (null: Paho's default for the URL's scheme).
     */
    public record Access(String username, String password, SocketFactory socketFactory) {
        public static Access anonymous() {
            return new Access(null, null, null);
        }

        @Override
        public String toString() {
            return "Access[username=" + username + ", password=" + (password == null ? "none" : "****") + "]";
        }
    }

    private final Options options;
    private final IngestService ingest;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(IN_FLIGHT);
    private final Semaphore queuedBytes;
    private volatile MqttAsyncClient client;
    private volatile Thread worker;
    private final Reconnector reconnector;
    /** Counts connections made: a message is acknowledged only on the connection that delivered it. */
    private final AtomicLong connection = new AtomicLong();

    /** A message delivered by Paho on connection {@code connection}, not yet committed and acknowledged. */
    private record Pending(String topic, MqttMessage message, long connection) {
    }

    public MqttIngest(Options options, IngestService ingest) {
        this.options = options;
        this.ingest = ingest;
        this.queuedBytes = new Semaphore(budget());
        this.reconnector = new Reconnector(options.reconnectMin(), options.reconnectMax(), this::reconnect,
                options.brokerUrl());
    }

    private int budget() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(QUEUED_BYTES_MIN, 4L * options.maxMessageBytes()));
    }

    /** Connects and subscribes; returns once the subscriptions are granted. */
    public void start() throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(options.brokerUrl(), options.clientId(), new MemoryPersistence());
        client = c;
        c.setManualAcks(true);
        c.setCallback(new Callback());
        Thread t = new Thread(this::drain, "weir-cloud-ingest " + options.clientId());
        t.setDaemon(true);
        worker = t;
        t.start();
        connectAndSubscribe(c);
        LOG.info("Subscribed to {} at {} as {}", Arrays.toString(topicFilters()), options.brokerUrl(),
                options.clientId());
    }

    private void connectAndSubscribe(MqttAsyncClient c) throws MqttException {
        long timeout = options.operationTimeout().toMillis();
        c.connect(connectionOptions()).waitForCompletion(timeout);
        connection.incrementAndGet();
        IMqttToken subscribed = c.subscribe(subscriptions());
        subscribed.waitForCompletion(timeout);
        checkGranted(subscribed);
    }

    /** One reconnect attempt, on the reconnector's thread; false to be tried again later. */
    private boolean reconnect() {
        MqttAsyncClient c = client;
        if (c == null || closing.getCount() == 0) {
            return true;
        }
        if (c.isConnected()) {
            return true;
        }
        try {
            connectAndSubscribe(c);
            return true;
        } catch (MqttException e) {
            LOG.debug("Reconnect to {} failed: {}", options.brokerUrl(), e.toString());
            if (c.isConnected()) {
                // connected but the subscription failed: drop the connection and try the whole thing again
                try {
                    c.disconnectForcibly(0, 1000, false);
                } catch (MqttException ignored) {
                    // it is going anyway
                }
            }
            return false;
        }
    }

    /** Reconnects made, attempts that failed, and the longest wait chosen between two attempts. */
    public Reconnector.Stats reconnects() {
        return reconnector.stats();
    }

    /** Messages taken from the broker and not yet committed. */
    public int queued() {
        return queue.size();
    }

    /**
     * Publishes on the adapter's connection, not retained, with an MQTT 5 Message Expiry Interval (the broker drops
     * the message from a queue once it is over), and waits for the broker's PUBACK (QoS 1).
     */
    public void publish(String topic, byte[] payload, Duration expiry) throws MqttException {
        MqttAsyncClient c = client;
        if (c == null) {
            throw new MqttException(32104); // Paho's "client not connected"
        }
        MqttMessage message = new MqttMessage(payload);
        message.setQos(QOS);
        message.setRetained(false);
        MqttProperties properties = new MqttProperties();
        properties.setMessageExpiryInterval(Math.max(1, expiry.toSeconds()));
        message.setProperties(properties);
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

    /**
     * Stops taking messages, commits and acknowledges those already queued (while the database takes them; if it
     * fails, they stay unacknowledged for redelivery), then disconnects.
     */
    @Override
    public void close() {
        closing.countDown();
        reconnector.close();
        Thread t = worker;
        if (t != null) {
            try {
                t.join(options.operationTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                LOG.warn("The ingest thread did not finish within {}; its messages stay unacknowledged",
                        options.operationTimeout());
            }
        }
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
        o.setReceiveMaximum(IN_FLIGHT);
        o.setAutomaticReconnect(false); // see the class comment: the Reconnector does it, within its maximum
        o.setKeepAliveInterval((int) options.keepAlive().toSeconds());
        o.setConnectionTimeout((int) options.operationTimeout().toSeconds());
        o.setMaximumPacketSize((long) options.maxMessageBytes() + PACKET_OVERHEAD);
        Access access = options.access();
        if (access.username() != null) {
            o.setUserName(access.username());
        }
        if (access.password() != null) {
            o.setPassword(access.password().getBytes(StandardCharsets.UTF_8));
        }
        if (access.socketFactory() != null) {
            o.setSocketFactory(access.socketFactory());
        }
        o.setHttpsHostnameVerificationEnabled(true);
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

    /** The ingest thread: batches of queued messages, each committed in one transaction, then acknowledged. */
    private void drain() {
        List<Pending> batch = new ArrayList<>(BATCH_MAX);
        try {
            while (true) {
                Pending first = queue.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing.getCount() == 0) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH_MAX - 1);
                if (!commit(batch)) {
                    return;
                }
                acknowledge(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            LOG.warn("Ingest interrupted; {} messages stay unacknowledged for redelivery", batch.size() + queue.size());
        }
    }

    /** Commits the batch, retrying while the database fails; false if the adapter stops first. */
    private boolean commit(List<Pending> batch) throws InterruptedException {
        List<IngestService.Delivery> deliveries = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            deliveries.add(new IngestService.Delivery(p.topic(), p.message().getPayload()));
        }
        long pause = FIRST_RETRY_MS;
        while (true) {
            try {
                ingest.ingestAll(deliveries);
                return true;
            } catch (RuntimeException e) {
                // StoreException, or anything else: nothing of the batch was acknowledged, so a retry is safe
                LOG.error("Could not commit {} messages (first on {}): {}; unacknowledged, retrying in {} ms",
                        batch.size(), batch.get(0).topic(), e.getMessage(), pause);
            }
            if (closing.await(pause, TimeUnit.MILLISECONDS)) {
                LOG.warn("Stopping with {} messages uncommitted; the broker will redeliver them",
                        batch.size() + queue.size());
                return false;
            }
            pause = Math.min(pause * 2, LONGEST_RETRY_MS);
        }
    }

    private void acknowledge(List<Pending> batch) {
        MqttAsyncClient c = client;
        long current = connection.get();
        for (Pending p : batch) {
            queuedBytes.release(weight(p.message()));
            if (p.connection() != current) {
                // committed; its packet id belongs to a lost connection, so the broker redelivers it and the
                // duplicate filter drops the copy
                continue;
            }
            try {
                c.messageArrivedComplete(p.message().getId(), p.message().getQos());
            } catch (MqttException | RuntimeException e) {
                // committed but not acknowledged: the broker redelivers it and ingest drops the duplicate
                LOG.warn("Could not acknowledge the message on {}: {}", p.topic(), e.toString());
            }
        }
    }

    /** What a queued message counts against the byte budget: its payload, and never more than the whole budget. */
    private int weight(MqttMessage message) {
        return Math.min(budget(), Math.max(1, message.getPayload().length));
    }

    private final class Callback implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
            Pending pending = new Pending(topic, message, connection.get());
            // after close() began, a message is left unacknowledged: the broker redelivers it to the next session
            int weight = weight(message);
            while (closing.getCount() > 0) {
                if (!queuedBytes.tryAcquire(weight, POLL_MS, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                while (closing.getCount() > 0) {
                    if (queue.offer(pending, POLL_MS, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
                queuedBytes.release(weight);
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // subscriptions are made by whoever connected (start or the Reconnector), once granted
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.warn("MQTT connection to {} lost ({}); reconnecting within {}", options.brokerUrl(), response,
                    options.reconnectMax());
            reconnector.lost();
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error: {}", exception.toString());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // publish() waits for each PUBACK itself
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
