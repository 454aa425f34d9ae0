package io.weir.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmLevel;
import io.weir.api.AlarmTransition;
import io.weir.api.Reading;
import io.weir.api.SiteInfo;
import io.weir.api.store.NotStoredException;
import io.weir.simulator.broker.EmbeddedBroker;
import io.weir.simulator.disk.SmallFileSystem;
import io.weir.store.internal.StoreComponent;
import io.weir.store.internal.StoreOptions;
import io.weir.testing.TcpProxy;

/**
 * The link is down and the disk fills up (a real tmpfs): readings and alarms keep coming. Space is freed, the
 * broker comes back, and the cloud receives every alarm event, in order, with the store's own FAULT alarm raised
 * and cleared around them.
 */
class FullDiskDeliveryTest {

    private static final SiteInfo SITE = new SiteInfo("gw-full", "62001200", "Yuxi River Station", 30.27, 120.15);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyAlarmRaisedOnAFullDiskReachesTheCloudInOrderOnceThereIsRoomAndALink() throws Exception {
        Optional<SmallFileSystem> small = SmallFileSystem.open(Path.of("target", "full-fs").toAbsolutePath(), "8m");
        assumeTrue(small.isPresent(), "no small file system: give -D" + SmallFileSystem.GIVEN + " or run as root"
                + " where tmpfs can be mounted");
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (SmallFileSystem fs = small.get();
             var broker = EmbeddedBroker.start("127.0.0.1", 0);
             var proxy = new TcpProxy(broker.port());
             var cloud = new Subscriber(broker.url(), "weir/v1/gw-full/alarm")) {
            proxy.accepting(false); // the link is down
            var store = new StoreComponent(fs.dir().resolve("store.db"),
                    new StoreOptions(100 * StoreOptions.MIB, StoreOptions.MIB, 0, 50, 256 * 1024),
                    Clock.systemUTC(), scheduler);
            store.bindSite(() -> SITE);
            var uplink = new MqttUplink(SITE, store, new UplinkOptions("tcp://127.0.0.1:" + proxy.port(), "", new char[0], List.of(), 8,
                    50, 30, Duration.ofSeconds(1)), Map.of(), Clock.systemUTC());
            try {
                int n = 0;
                for (; n < 1000; n++) {
                    store.onReadings(List.of(reading(n)));
                }
                Path filler = fs.fill();
                var raised = new ArrayList<String>();
                int heldInMemory = 0;
                for (int alarm = 1; alarm <= 8; alarm++) {
                    List<AlarmTransition> life = List.of(AlarmTransition.RAISED, AlarmTransition.ESCALATED,
                            AlarmTransition.CLEARED);
                    for (int step = 0; step < life.size(); step++) {
                        for (int i = 0; i < 50; i++, n++) {
                            store.onReadings(List.of(reading(n)));
                        }
                        AlarmEvent event = event(alarm, life.get(step), step + 1);
                        raised.add(event.alarmId() + "#" + event.alarmSeq());
                        try {
                            store.onAlarm(event);
                        } catch (NotStoredException e) {
                            heldInMemory++; // retried by the store; must still arrive, in its place
                        }
                    }
                }
                await("the store says the disk is full").atMost(PATIENCE)
                        .until(() -> store.statusJson().contains("\"capacityAlarm\":true"));

                Files.delete(filler);
                proxy.accepting(true);
                await("every alarm event delivered").atMost(PATIENCE)
                        .until(() -> delivered(cloud).keySet().containsAll(raised));
                await("the store's FAULT alarm cleared").atMost(PATIENCE)
                        .until(() -> delivered(cloud).containsKey("gw-full:store.disk-full:1#2"));

                List<String> order = new ArrayList<>(delivered(cloud).keySet());
                assertThat(order.stream().filter(raised::contains).toList())
                        .as("alarm events in the order they were raised (%d waited in memory)", heldInMemory)
                        .containsExactlyElementsOf(raised);
                assertThat(order.indexOf("gw-full:store.disk-full:1#1")).as("FAULT raised before it cleared")
                        .isGreaterThanOrEqualTo(0).isLessThan(order.indexOf("gw-full:store.disk-full:1#2"));
                await().atMost(PATIENCE).until(() -> store.statusJson().contains("\"capacityAlarm\":false"));
            } finally {
                uplink.stop();
                store.deactivate();
                scheduler.shutdownNow();
            }
        }
    }

    private static Reading reading(int i) {
        return Reading.good("62001200/radar-1/water_level", Instant.now(), 2.0 + i / 10_000.0, "m");
    }

    private static AlarmEvent event(int alarm, AlarmTransition transition, int seq) {
        AlarmLevel level = transition == AlarmTransition.ESCALATED ? AlarmLevel.YELLOW : AlarmLevel.BLUE;
        return new AlarmEvent("gw-full:river-level:" + alarm, "river-level", List.of("62001200/radar-1/water_level"),
                level, transition, 3.2, 3.0, null, seq, Instant.now(), SITE);
    }

    /** alarmId#alarmSeq of every alarm event received, in arrival order, copies dropped. */
    private static Map<String, JsonNode> delivered(Subscriber cloud) throws Exception {
        var events = new LinkedHashMap<String, JsonNode>();
        for (Subscriber.Message m : cloud.received()) {
            for (JsonNode e : JSON.readTree(m.payload()).get("events")) {
                events.putIfAbsent(e.get("alarmId").asText() + "#" + e.get("alarmSeq").asLong(), e);
            }
        }
        return events;
    }
}
