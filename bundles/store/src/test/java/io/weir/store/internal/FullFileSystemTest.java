package io.weir.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.weir.api.store.MessageClass;
import io.weir.api.store.NotStoredException;
import io.weir.api.store.StoredMessage;
import io.weir.simulator.disk.SmallFileSystem;

/**
 * The store on a real file system that fills up (a small tmpfs), the classic field failure of an SD card: no alarm
 * is lost, readings keep flowing by evicting old ones, a FAULT alarm is raised and cleared, and the store drains
 * and works on once there is room.
 */
class FullFileSystemTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);
    private static final long KIB = 1024;
    private static final CapacityAlarms FAULTS = (kind, raised, n, value, threshold, ts) ->
            "{\"fault\":\"" + kind.ruleId + "\",\"transition\":\"" + (raised ? "RAISED" : "CLEARED") + "\"}";
    private static final String PAD = "p".repeat(300);

    private SmallFileSystem fs;

    @BeforeEach
    void mount() throws Exception {
        Optional<SmallFileSystem> small = SmallFileSystem.open(Path.of("target", "full-fs").toAbsolutePath(), "8m");
        assumeTrue(small.isPresent(), "no small file system: give -D" + SmallFileSystem.GIVEN + " or run as root"
                + " where tmpfs can be mounted");
        fs = small.get();
    }

    @AfterEach
    void unmount() throws Exception {
        if (fs != null) {
            fs.close();
        }
    }

    private static String reading(int i) {
        return "{\"i\":" + i + ",\"ts\":\"2026-11-21T08:00:00Z\",\"pad\":\"" + PAD + "\"}";
    }

    private static List<String> drain(SqliteOutbox store, int messages) {
        var records = new ArrayList<String>();
        for (int n = 0; n < messages; n++) {
            Optional<StoredMessage> m = store.take(100);
            if (m.isEmpty()) {
                break;
            }
            records.addAll(m.get().records());
            store.confirm(m.get().seq());
        }
        return records;
    }

    @Test
    void aFullDiskLosesNoAlarmKeepsTheNewestReadingsAndRecoversWhenSpaceIsFreed() throws Exception {
        var options = new StoreOptions(100 * StoreOptions.MIB, StoreOptions.MIB, 0, 50, 256 * KIB);
        Path file = fs.dir().resolve("store.db");
        var alarms = new ArrayList<String>();
        int readings = 0;
        int refused = 0;
        try (var store = SqliteOutbox.open(file, options, CLOCK, FAULTS)) {
            var pending = new PendingRecords(store::append);
            assertThat(file.resolveSibling("store.db.reserve")).hasSize(256 * KIB);
            for (; readings < 1000; readings++) {
                store.append(MessageClass.TELEMETRY, List.of(reading(readings)));
            }
            Path filler = fs.fill();
            for (int round = 0; round < 40; round++) {
                for (int i = 0; i < 100; i++, readings++) {
                    try {
                        store.append(MessageClass.TELEMETRY, List.of(reading(readings)));
                    } catch (StoreException e) {
                        refused++;
                    }
                }
                String alarm = "{\"alarm\":" + round + "}";
                pending.append(MessageClass.ALARM, alarm, "alarm " + round); // throws if not stored at once
                alarms.add(alarm);
            }
            StoreReport full = store.report();
            assertThat(full.reserveInPlace()).as("the reserve was given up").isFalse();
            assertThat(full.diskFullAlarm()).isTrue();
            assertThat(full.nearCap()).isTrue();
            assertThat(full.stats().evictedTelemetry()).isPositive();
            assertThat(refused).as("readings refused on a full disk").isZero();

            // The uplink drains while the disk is still full: nothing is stuck.
            List<String> sent = new ArrayList<>(drain(store, 5));
            assertThat(sent).startsWith("{\"fault\":\"store.disk-full\",\"transition\":\"RAISED\"}");

            Files.delete(filler); // someone cleared the logs
            sent.addAll(drain(store, 10_000));
            StoreReport after = store.report();
            assertThat(after.reserveInPlace()).isTrue();
            assertThat(after.capacityAlarm()).isFalse();
            assertThat(sent).contains("{\"fault\":\"store.disk-full\",\"transition\":\"CLEARED\"}");
            assertThat(sent.stream().filter(r -> r.startsWith("{\"alarm\"")).toList())
                    .as("every alarm, once, in order").containsExactlyElementsOf(alarms);
            List<Integer> kept = sent.stream().filter(r -> r.startsWith("{\"i\"")).map(r ->
                    Integer.parseInt(r.substring(5, r.indexOf(',')))).toList();
            assertThat(kept).as("readings oldest first, none twice").isSorted().doesNotHaveDuplicates()
                    .contains(readings - 1);
            assertThat(kept.size() + after.stats().evictedTelemetry()).isEqualTo(readings);
        }
        try (var store = SqliteOutbox.open(file, options, CLOCK, FAULTS)) {
            assertThat(store.stats().storedTelemetry() + store.stats().storedAlarms()).isZero();
            store.append(MessageClass.ALARM, List.of("{\"after\":\"restart\"}"));
        }
    }

    @Test
    void alarmsThatFindNoRoomWaitInMemoryAndAreWrittenInOrderOnceSpaceIsFreed() throws Exception {
        var options = new StoreOptions(100 * StoreOptions.MIB, StoreOptions.MIB, 0, 0, 0);
        String big = "a".repeat(16 * 1024);
        try (var store = SqliteOutbox.open(fs.dir().resolve("store.db"), options, CLOCK, FAULTS)) {
            var pending = new PendingRecords(store::append);
            Path filler = fs.fill();
            var alarms = new ArrayList<String>();
            int waited = 0;
            for (int i = 0; i < 20; i++) {
                String alarm = "{\"alarm\":" + i + ",\"pad\":\"" + big + "\"}";
                alarms.add(alarm);
                try {
                    pending.append(MessageClass.ALARM, alarm, "alarm " + i);
                } catch (NotStoredException e) {
                    assertThat(e.retried()).isTrue();
                    waited++;
                }
            }
            assertThat(waited).as("alarms that found no room on the full disk").isPositive();
            assertThat(pending.size()).isEqualTo(waited);
            assertThatThrownBy(() -> store.append(MessageClass.TELEMETRY, List.of(reading(0))))
                    .isInstanceOf(StoreException.class).hasMessageContaining("store full");

            Files.delete(filler);
            assertThat(pending.flush()).isZero();
            List<String> sent = drain(store, 1000);
            assertThat(sent.stream().filter(r -> r.startsWith("{\"alarm\"")).toList())
                    .containsExactlyElementsOf(alarms);
        }
    }
}
