package io.weir.uplink.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.net.ssl.SSLSocketFactory;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.TimerPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.security.LogThrottle;

/**
 * One Paho client kept connected: the last will is set at every connect, the birth published on every connect,
 * and a lost or refused connection retried with backoff. Paho keeps nothing across restarts (memory persistence,
 * clean session): the store is what remembers unacknowledged messages.
 */
final class MqttConnection implements Publisher, MqttCallbackExtended {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);
    private static final int QOS = 1;
    /**
     * The first retry after a lost or refused connection waits 0.25..0.5 s, each next one twice as long up to
     * maxReconnectDelaySeconds (5 s unless configured): a broker that comes back has its gateways again within
     * seconds, the jitter spreads a fleet's reconnects, and a broker that stays away sees one attempt every few
     * seconds from each gateway.
     */
    static final Duration FIRST_RECONNECT_DELAY = Duration.ofMillis(500);

    /** What happens around the connection, told to the owner. */
    interface Listener {
        /** Connected: return the birth payload to publish retained. */
        byte[] connected();

        void lost();

        /** A message arrived on the command filter; return the reply to publish, or null. */
        Commands.Reply command(String topic, byte[] payload);
    }

    private final UplinkOptions options;
    private final Topics topics;
    private final byte[] lastWill;
    private final Listener listener;
    private final ScheduledExecutorService scheduler;
    private final Executor commandRunner;
    private final Backoff backoff;
    private final PahoThreads threads;
    private final MqttAsyncClient client;
    private volatile boolean stopping;

    private final SSLSocketFactory tls;
    private final int maxPacketBytes;
    private final LogThrottle refusedLog = new LogThrottle(Clock.systemUTC(), Duration.ofMinutes(1));

    /**
     * @param commandRunner  runs commands off Paho's callback thread, which must stay free to take the
     *                       acknowledgements of the messages in flight while a command (a download, a bus scan) works
     * @param maxPacketBytes the largest packet taken in from the broker ({@link MqttPacketLimiter})
     */
    MqttConnection(UplinkOptions options, Topics topics, byte[] lastWill, Listener listener,
                   ScheduledExecutorService scheduler, Executor commandRunner, int maxPacketBytes)
            throws MqttException, IOException, GeneralSecurityException {
        this.options = options;
        this.maxPacketBytes = maxPacketBytes;
        this.commandRunner = commandRunner;
        this.topics = topics;
        this.lastWill = lastWill;
        this.listener = listener;
        this.scheduler = scheduler;
        this.backoff = new Backoff(FIRST_RECONNECT_DELAY, options.maxReconnectDelay(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.threads = new PahoThreads("weir-mqtt " + topics.gatewayId(), scheduler);
        this.client = new MqttAsyncClient(options.brokerUrl(), topics.gatewayId(), new MemoryPersistence(),
                new TimerPingSender(), threads);
        client.setCallback(this);
        this.tls = options.secure() ? TlsSockets.factory(options.tls()) : null;
    }

    void start() {
        scheduler.execute(this::connect);
    }

    private MqttConnectOptions connectOptions() {
        var o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setAutomaticReconnect(false); // we reconnect ourselves, with jitter, also when the first connect fails
        o.setKeepAliveInterval(options.keepAliveSeconds());
        o.setConnectionTimeout(10);
        o.setMaxInflight(options.maxInFlight() + 2);
        o.setWill(topics.state(), lastWill, QOS, true);
        if (tls != null) {
            o.setSocketFactory(LimitedSockets.tls(tls, maxPacketBytes, this::oversized));
            o.setHttpsHostnameVerificationEnabled(true);
        } else {
            o.setSocketFactory(LimitedSockets.plain(maxPacketBytes, this::oversized));
        }
        if (!options.username().isEmpty()) {
            o.setUserName(options.username());
            o.setPassword(options.password());
        }
        return o;
    }

    private void connect() {
        if (stopping) {
            return;
        }
        try {
            client.connect(connectOptions(), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // connectComplete() does the rest
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    retryLater("connect to " + options.brokerUrl() + " failed: " + describe(failure));
                }
            });
        } catch (MqttException e) {
            retryLater("connect to " + options.brokerUrl() + " failed: " + describe(e));
        }
    }

    private void retryLater(String why) {
        if (stopping) {
            return;
        }
        Duration delay = backoff.nextDelay();
        LOG.warn("{}; retrying in {} ms", why, delay.toMillis());
        scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String describe(Throwable t) {
        Throwable cause = t.getCause() != null ? t.getCause() : t;
        return t.getMessage() + (cause != t ? " (" + cause + ")" : "");
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        if (stopping) {
            return; // a connect that was in flight when the uplink stopped: stop() hangs it up, no birth
        }
        backoff.reset();
        LOG.info("uplink connected to {} as {}", serverURI, topics.gatewayId());
        try {
            client.publish(topics.state(), listener.connected(), QOS, true);
        } catch (MqttException e) {
            LOG.warn("birth message not published: {}", describe(e));
        }
        try {
            // Clean session: the subscription is made again on every connect.
            client.subscribe(topics.commands(), QOS);
        } catch (MqttException e) {
            LOG.warn("command subscription failed: {}", describe(e));
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        LOG.warn("uplink connection to {} lost: {}", options.brokerUrl(), describe(cause));
        listener.lost();
        retryLater("reconnecting");
    }

    /** Paho's reader thread: a PUBLISH too large to take in, passed on without its payload. */
    private void oversized(String topic, long bytes) {
        refusedLog.permit().ifPresent(held -> LOG.warn("command on {} dropped unread: {} bytes, more than the limit"
                + " of {}{}", JsonText.printable(topic), bytes, maxPacketBytes, LogThrottle.heldBack(held)));
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        if (message.isRetained()) {
            // a broker's memory is not a command: a retained modbus-write ran again at every restart
            refusedLog.permit().ifPresent(held -> LOG.warn("retained command on {} ignored: commands are never "
                    + "taken from a broker's memory{}", JsonText.printable(topic), LogThrottle.heldBack(held)));
            return;
        }
        byte[] payload = message.getPayload();
        if (payload.length == 0) {
            return; // cut down by the packet limiter, which has said so
        }
        try {
            commandRunner.execute(() -> answer(topic, payload));
        } catch (RejectedExecutionException e) {
            LOG.warn("command on {} dropped: the uplink is stopping", topic);
        }
    }

    private void answer(String topic, byte[] payload) {
        Commands.Reply reply = listener.command(topic, payload);
        if (reply != null) {
            try {
                client.publish(reply.topic(), reply.payload(), QOS, false);
            } catch (MqttException e) {
                LOG.warn("reply on {} not published: {}", reply.topic(), describe(e));
            }
        }
    }

    /** Publishes a fresh retained state message when connected; a failure waits for the next refresh. */
    void publishState(byte[] state) {
        if (!client.isConnected()) {
            return;
        }
        try {
            client.publish(topics.state(), state, QOS, true);
        } catch (MqttException e) {
            LOG.warn("state message not published: {}", describe(e));
        }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // Each publish has its own action listener.
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void publish(String topic, byte[] payload, Consumer<Throwable> done) throws MqttException {
        client.publish(topic, payload, QOS, false, null, new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                done.accept(null);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                done.accept(failure);
            }
        });
    }

    /**
     * Publishes the clean death, disconnects and releases the client; waits at most {@code timeout}. A connect still
     * waiting for the broker's answer is hung up on, network and all: left to complete behind a closed client, it
     * would hold the gateway's client id at the broker with no one to disconnect it, and its last will would be
     * published when the process ends, over the clean death (the retained state would say "connection-lost").
     */
    void stop(byte[] death, Duration timeout) {
        stopping = true;
        boolean clean = false;
        if (client.isConnected()) {
            try {
                client.publish(topics.state(), death, QOS, true).waitForCompletion(timeout.toMillis());
                // half the time for the broker to acknowledge what is in flight, the rest for DISCONNECT itself:
                // waiting as long as the whole would let the wait end before DISCONNECT is sent
                client.disconnect(timeout.toMillis() / 2).waitForCompletion(timeout.toMillis());
                clean = true;
            } catch (MqttException e) {
                LOG.warn("clean disconnect failed: {}", describe(e));
            }
        }
        if (!clean) {
            try {
                client.disconnectForcibly(0, timeout.toMillis(), false);
            } catch (MqttException e) {
                LOG.debug("hanging up the MQTT connection: {}", describe(e)); // nothing was open: the usual case
            }
        }
        close();
    }

    private void close() {
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("closing the MQTT client: {}", describe(e));
        }
        threads.shutdown();
    }
}
