package io.weir.bench.job;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The cloud's side of the job: one MQTT client subscribed (QoS 1, a session the broker keeps) to a system's
 * readings, counting what arrives. It reconnects every 200 ms while the broker is away, so what the broker queued
 * for it meanwhile still arrives.
 */
final class Subscriber implements AutoCloseable {

    /** Readings by the second (since the meters' epoch) they were taken in. */
    private static final int SECONDS_KEPT = 4 * 3600;

    private final MqttClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private final String filter;
    private final TelemetryDecoder decoder;
    private final FloatMeters meters;
    private final Thread reconnector;
    private volatile boolean open = true;

    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong payloadBytes = new AtomicLong();
    private final AtomicLong topicBytes = new AtomicLong();
    private final AtomicLong good = new AtomicLong();
    private final AtomicLong bad = new AtomicLong();
    private final AtomicLongArray takenInSecond = new AtomicLongArray(SECONDS_KEPT);
    private final CompletableFuture<Long> first = new CompletableFuture<>();
    private volatile Watch watch;

    /** Counters at one moment. */
    record Counts(long messages, long payloadBytes, long topicBytes, long good, long bad) {
        Counts minus(Counts before) {
            return new Counts(messages - before.messages, payloadBytes - before.payloadBytes,
                    topicBytes - before.topicBytes, good - before.good, bad - before.bad);
        }
    }

    /** Waits for a good reading taken at or after {@code fromMillis}, of one meter or of any ({@code meter} -1). */
    private record Watch(int meter, long fromMillis, CompletableFuture<Long> arrivedNanos) {
    }

    Subscriber(Mosquitto broker, String filter, TelemetryDecoder decoder, FloatMeters meters, String clientId)
            throws MqttException {
        this.filter = filter;
        this.decoder = decoder;
        this.meters = meters;
        this.client = new MqttClient(broker.url(), clientId, new MemoryPersistence());
        options.setCleanSession(false);
        options.setMaxInflight(1000);
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                synchronized (Subscriber.this) {
                    Subscriber.this.notifyAll();
                }
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                count(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        client.connect(options);
        client.subscribe(filter, 1);
        reconnector = new Thread(this::reconnectWhileOpen, "subscriber-reconnect");
        reconnector.setDaemon(true);
        reconnector.start();
    }

    private void count(String topic, byte[] payload) {
        long arrived = System.nanoTime();
        messages.incrementAndGet();
        payloadBytes.addAndGet(payload.length);
        topicBytes.addAndGet(topic.getBytes(StandardCharsets.UTF_8).length);
        Watch w = watch;
        for (Reading r : decoder.decode(topic, payload)) {
            (r.good() ? good : bad).incrementAndGet();
            long second = (r.takenMillis() - meters.epochMillis()) / 1000;
            if (second >= 0 && second < SECONDS_KEPT) {
                takenInSecond.incrementAndGet((int) second);
            }
            if (r.good()) {
                first.complete(arrived);
                if (w != null && (w.meter() < 0 || w.meter() == r.meter()) && r.takenMillis() >= w.fromMillis()) {
                    w.arrivedNanos().complete(arrived);
                }
            }
        }
    }

    private void reconnectWhileOpen() {
        while (open) {
            synchronized (this) {
                try {
                    wait(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (open && !client.isConnected()) {
                try {
                    client.connect(options);
                    client.subscribe(filter, 1);
                } catch (MqttException e) {
                    // the broker is away; try again shortly
                }
            }
        }
    }

    Counts counts() {
        return new Counts(messages.get(), payloadBytes.get(), topicBytes.get(), good.get(), bad.get());
    }

    /** When ({@link System#nanoTime()}) the first good reading arrived, waiting at most {@code seconds}. */
    long firstReadingNanos(long seconds) throws Exception {
        return first.get(seconds, TimeUnit.SECONDS);
    }

    /** Starts watching for a good reading taken at or after {@code fromMillis}; -1 for any meter. */
    CompletableFuture<Long> watchFor(int meter, long fromMillis) {
        Watch w = new Watch(meter, fromMillis, new CompletableFuture<>());
        watch = w;
        return w.arrivedNanos();
    }

    /** Readings received so far that were taken in whole seconds {@code [from, to)} since the meters' epoch. */
    long takenBetween(long fromSecond, long toSecond) {
        long sum = 0;
        for (long s = fromSecond; s < toSecond; s++) {
            sum += takenIn(s);
        }
        return sum;
    }

    /** Readings received so far that were taken in that second since the meters' epoch. */
    long takenIn(long second) {
        return second >= 0 && second < SECONDS_KEPT ? takenInSecond.get((int) second) : 0;
    }

    @Override
    public void close() throws MqttException, InterruptedException {
        open = false;
        reconnector.interrupt();
        reconnector.join(5_000);
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
