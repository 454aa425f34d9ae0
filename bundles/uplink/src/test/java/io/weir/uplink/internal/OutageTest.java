package io.weir.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.api.SiteInfo;
import io.weir.api.store.MessageClass;
import io.weir.api.store.StoreStats;
import io.weir.simulator.broker.EmbeddedBroker;
import io.weir.store.internal.SqliteOutbox;
import io.weir.testing.Patience;
import io.weir.testing.TcpProxy;

/** The real outbox drained through a real broker while the network fails in the ways a reservoir's link does. */
class OutageTest {

    private static final SiteInfo SITE = new SiteInfo("gw-out", "62001200", "Yuxi River Station", 30.27, 120.15);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static UplinkOptions options(String url) {
        return new UplinkOptions(url, "", new char[0], List.of(), 8, 50, 30, Duration.ofSeconds(1));
    }

    private static boolean empty(StoreStats s) {
        return s.storedAlarms() == 0 && s.storedTelemetry() == 0 && s.storedEvents() == 0 && s.inFlightMessages() == 0;
    }

    /** Appends batches of telemetry, and an alarm every fifth batch, numbering records t-N / a-N. */
    private static final class Load {
        final List<String> telemetry = new ArrayList<>();
        final List<String> alarms = new ArrayList<>();
        private final SqliteOutbox store;
        private final AtomicInteger n = new AtomicInteger();

        Load(SqliteOutbox store) {
            this.store = store;
        }

        void batches(int count) {
            for (int b = 0; b < count; b++) {
                var batch = new ArrayList<String>();
                for (int i = 0; i < 20; i++) {
                    batch.add("{\"id\":\"t-" + n.incrementAndGet() + "\"}");
                }
                store.append(MessageClass.TELEMETRY, batch);
                batch.forEach(body -> telemetry.add(idOf(body)));
                if (b % 5 == 0) {
                    String alarm = "{\"id\":\"a-" + n.incrementAndGet() + "\"}";
                    store.append(MessageClass.ALARM, List.of(alarm));
                    alarms.add(idOf(alarm));
                }
            }
        }

        private static String idOf(String body) {
            return body.substring(7, body.length() - 2);
        }
    }

    @Test
    void aBrokerStoppedUnderLoadAndRestartedGetsEverythingAlarmsFirstEachClassInOrder() throws Exception {
        var broker = EmbeddedBroker.start("127.0.0.1", 0);
        try (var store = SqliteOutbox.open(dir.resolve("store.db"));
             var proxy = new TcpProxy(broker.port())) {
            var load = new Load(store);
            var before = new Subscriber(broker.url(), "weir/v1/gw-out/#");
            var recording = new RecordingStore(store);
            var uplink = new MqttUplink(SITE, recording, options("tcp://127.0.0.1:" + proxy.port()), Map.of(), CLOCK);
            List<Subscriber.Message> received = new ArrayList<>();
            try {
                load.batches(40);
                await().atMost(Patience.LOCAL).until(() -> store.stats().lastSeq() > 5);
                // The broker goes away while messages are in flight; the proxy keeps the uplink out until the cloud
                // side is listening again, so nothing is published to a broker nobody subscribes to.
                // The embedded broker keeps nothing in memory across a stop, so the cloud must first have what
                // the broker acknowledged (a persistent broker would deliver it after its restart instead).
                proxy.accepting(false);
                proxy.cutAll();
                await().atMost(Patience.LOCAL).until(() -> !uplink.isConnected());
                await().atMost(Patience.LOCAL).until(() ->
                        new Delivered(before.received()).messages.stream().map(Delivered.Message::seq).toList()
                                .containsAll(recording.confirmed()));
                broker.close();
                received.addAll(before.received());
                load.batches(60); // the backlog builds up during the outage, alarms among it

                // a new broker, on a port of its own: the gateway still dials the proxy's
                broker = EmbeddedBroker.start("127.0.0.1", 0);
                try (var after = new Subscriber(broker.url(), "weir/v1/gw-out/#")) {
                    proxy.forwardTo(broker.port());
                    proxy.accepting(true);
                    await().atMost(Duration.ofSeconds(60)).until(() -> empty(store.stats()));
                    int backlogStart = received.size();
                    await().atMost(Patience.LOCAL).until(() ->
                            new Delivered(concat(received, after.received())).seqOfId.size()
                                    == load.telemetry.size() + load.alarms.size());
                    received.addAll(after.received());

                    var delivered = new Delivered(received);
                    assertThat(delivered.duplicatedIds).isEmpty();
                    assertThat(delivered.idsOn("/alarm")).containsExactlyElementsOf(load.alarms);
                    assertThat(delivered.idsOn("/telemetry")).containsExactlyElementsOf(load.telemetry);
                    // After the restart every alarm message arrives before any telemetry message.
                    List<String> topicsAfter = received.subList(backlogStart, received.size()).stream()
                            .map(Subscriber.Message::topic).filter(t -> !t.endsWith("/state")).toList();
                    int lastAlarm = topicsAfter.lastIndexOf("weir/v1/gw-out/alarm");
                    int firstTelemetry = topicsAfter.indexOf("weir/v1/gw-out/telemetry");
                    assertThat(lastAlarm).isGreaterThanOrEqualTo(0).isLessThan(firstTelemetry);
                }
            } finally {
                uplink.stop();
                before.close();
            }
        } finally {
            broker.close();
        }
    }

    @Test
    void connectionsCutMidFlightLoseNothingAndDuplicateNothingAfterDeduplication() throws Exception {
        try (var broker = EmbeddedBroker.start("127.0.0.1", 0);
             var store = SqliteOutbox.open(dir.resolve("store.db"));
             var proxy = new TcpProxy(broker.port());
             var cloud = new Subscriber(broker.url(), "weir/v1/gw-out/#")) {
            var load = new Load(store);
            load.batches(400);
            var uplink = new MqttUplink(SITE, store, options("tcp://127.0.0.1:" + proxy.port()), Map.of(), CLOCK);
            try {
                int cuts = 0;
                for (int i = 0; i < 5; i++) {
                    long seqBefore = store.stats().lastSeq();
                    await().atMost(Patience.LOCAL).until(() ->
                            store.stats().lastSeq() >= seqBefore + 3 || empty(store.stats()));
                    if (store.stats().inFlightMessages() > 0) {
                        proxy.cutAll();
                        cuts++;
                    }
                }
                assertThat(cuts).as("connections cut with messages in flight").isPositive();
                await().atMost(Duration.ofSeconds(60)).until(() -> empty(store.stats()));
                await().atMost(Patience.LOCAL).until(() -> new Delivered(cloud.received()).seqOfId.size()
                        == load.telemetry.size() + load.alarms.size());
                var delivered = new Delivered(cloud.received());
                assertThat(delivered.duplicatedIds).isEmpty();
                assertThat(delivered.idsOn("/telemetry")).containsExactlyElementsOf(load.telemetry);
                assertThat(delivered.idsOn("/alarm")).containsExactlyElementsOf(load.alarms);
            } finally {
                uplink.stop();
            }
        }
    }

    private static List<Subscriber.Message> concat(List<Subscriber.Message> a, List<Subscriber.Message> b) {
        var all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
