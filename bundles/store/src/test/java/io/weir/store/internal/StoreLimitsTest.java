package io.weir.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.api.store.MessageClass;
import io.weir.api.store.StoreStats;
import io.weir.api.store.StoredMessage;

class StoreLimitsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);
    /** Each body is exactly 20 bytes. */
    private static final int BODY = 20;

    @TempDir
    Path dir;

    private static String body(String prefix, int i) {
        String s = "{\"r\":\"" + prefix + i + "\"}";
        return s + " ".repeat(BODY - s.length());
    }

    private static List<String> bodies(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> body(prefix, i)).toList();
    }

    private SqliteOutbox open(StoreOptions options, CapacityAlarms alarms) throws Exception {
        return SqliteOutbox.open(dir.resolve("store.db"), options, CLOCK, alarms);
    }

    private static List<StoredMessage> drain(SqliteOutbox store) {
        return drain(store, 1000);
    }

    private static List<StoredMessage> drain(SqliteOutbox store, int perMessage) {
        var all = new ArrayList<StoredMessage>();
        for (var m = store.take(perMessage); m.isPresent(); m = store.take(perMessage)) {
            all.add(m.get());
            store.confirm(m.get().seq());
        }
        return all;
    }

    @Test
    void theByteCapEvictsTheOldestTelemetryCountsItAndReportsOneEventNeverAnAlarm() throws Exception {
        try (var store = open(new StoreOptions(10 * BODY, 1_000_000, 0), CapacityAlarms.NONE)) {
            store.append(MessageClass.ALARM, bodies("a", 0, 3));
            store.append(MessageClass.TELEMETRY, bodies("t", 0, 10));
            for (int i = 10; i < 25; i++) {
                store.append(MessageClass.TELEMETRY, List.of(body("t", i)));
            }
            StoreStats stats = store.stats();
            assertThat(stats.telemetryBytes()).isEqualTo(10L * BODY);
            assertThat(stats.storedTelemetry()).isEqualTo(10);
            assertThat(stats.evictedTelemetry()).isEqualTo(15);
            assertThat(stats.storedAlarms()).isEqualTo(3);
            assertThat(stats.storedEvents()).as("one pending event, updated in place").isEqualTo(1);

            List<StoredMessage> out = drain(store);
            assertThat(out).extracting(StoredMessage::messageClass)
                    .containsExactly(MessageClass.ALARM, MessageClass.EVENT, MessageClass.TELEMETRY);
            assertThat(out.get(0).records()).isEqualTo(bodies("a", 0, 3));
            assertThat(out.get(1).records()).singleElement().asString()
                    .contains("\"type\":\"STORE_TELEMETRY_EVICTED\"").contains("\"records\":15")
                    .contains("\"bytes\":" + 15 * BODY).contains("\"evictedTotal\":15")
                    .contains("\"ts\":\"2026-11-21T08:00:00Z\"");
            assertThat(out.get(2).records()).as("the newest ten, in order").isEqualTo(bodies("t", 15, 25));
        }
    }

    @Test
    void afterTheEventIsTakenTheNextEvictionStartsANewEvent() throws Exception {
        try (var store = open(new StoreOptions(2 * BODY, 1_000_000, 0), CapacityAlarms.NONE)) {
            store.append(MessageClass.TELEMETRY, bodies("t", 0, 2));
            store.append(MessageClass.TELEMETRY, bodies("t", 2, 3));
            StoredMessage first = store.take(10).orElseThrow();
            assertThat(first.messageClass()).isEqualTo(MessageClass.EVENT);
            assertThat(first.records().get(0)).contains("\"records\":1");
            store.append(MessageClass.TELEMETRY, bodies("u", 0, 2));
            StoredMessage second = store.take(10).orElseThrow();
            assertThat(second.messageClass()).isEqualTo(MessageClass.EVENT);
            assertThat(second.records().get(0)).contains("\"records\":2").contains("\"evictedTotal\":3");
            assertThat(second.seq()).isGreaterThan(first.seq());
        }
    }

    @Test
    void inFlightTelemetryIsNeverEvictedSoAResentMessageIsUnchanged() throws Exception {
        try (var store = open(new StoreOptions(4 * BODY, 1_000_000, 0), CapacityAlarms.NONE)) {
            store.append(MessageClass.TELEMETRY, bodies("t", 0, 4));
            StoredMessage sent = store.take(2).orElseThrow();
            store.append(MessageClass.TELEMETRY, bodies("u", 0, 2));
            store.release(sent.seq());
            assertThat(store.take(10).orElseThrow().messageClass()).isEqualTo(MessageClass.EVENT);
            assertThat(store.take(10)).contains(sent);
            assertThat(store.stats().evictedTelemetry()).isEqualTo(2);
        }
    }

    /** The uplink is told of what is durable, class by class, and of nothing that was refused. */
    @Test
    void appendListenersHearOfEachDurableAppendAndNotOfARefusedOne() throws Exception {
        try (var store = open(new StoreOptions(1_000_000, 2 * BODY, 0), CapacityAlarms.NONE)) {
            var heard = new CopyOnWriteArrayList<MessageClass>();
            var subscription = store.onAppended(heard::add);
            store.onAppended(cls -> {
                throw new IllegalStateException("a broken listener");
            });
            store.append(MessageClass.TELEMETRY, bodies("t", 0, 3));
            store.append(MessageClass.ALARM, bodies("a", 0, 2));
            assertThatThrownBy(() -> store.append(MessageClass.ALARM, List.of(body("a", 2))))
                    .isInstanceOf(StoreFullException.class);
            store.append(MessageClass.EVENT, List.of(body("e", 0)));
            subscription.close();
            store.append(MessageClass.TELEMETRY, bodies("t", 3, 4));

            assertThat(heard).containsExactly(MessageClass.TELEMETRY, MessageClass.ALARM, MessageClass.EVENT);
            assertThat(store.stats().storedTelemetry()).as("a listener's failure undoes nothing").isEqualTo(4);
        }
    }

    @Test
    void theAlarmCapRefusesNewAlarmsWithAClearErrorRaisesOneFaultAndClearsItOnceDrained() throws Exception {
        CapacityAlarms alarms = (kind, raised, n, used, cap, ts) ->
                "{\"alarmId\":\"cap-" + n + "\",\"transition\":\"" + (raised ? "RAISED" : "CLEARED") + "\"}";
        try (var store = open(new StoreOptions(1_000_000, 5 * BODY, 0), alarms)) {
            store.append(MessageClass.ALARM, bodies("a", 0, 5));
            assertThatThrownBy(() -> store.append(MessageClass.ALARM, List.of(body("a", 5))))
                    .isInstanceOf(StoreFullException.class).hasMessageContaining("alarm store full")
                    .hasMessageContaining("100 of 100 bytes");
            assertThatThrownBy(() -> store.append(MessageClass.ALARM, List.of(body("a", 6))))
                    .isInstanceOf(StoreFullException.class);
            // Telemetry still flows: the alarm budget is separate.
            store.append(MessageClass.TELEMETRY, bodies("t", 0, 3));

            StoredMessage m = store.take(100).orElseThrow();
            assertThat(m.records()).hasSize(6).endsWith("{\"alarmId\":\"cap-1\",\"transition\":\"RAISED\"}");
            store.confirm(m.seq());
            StoredMessage cleared = store.take(100).orElseThrow();
            assertThat(cleared.records()).containsExactly("{\"alarmId\":\"cap-1\",\"transition\":\"CLEARED\"}");
            store.append(MessageClass.ALARM, List.of(body("a", 7)));
        }
    }

    @Test
    void aFullFileEvictsTelemetryToKeepNewDataAndAlarmsMayTakeHalfOfItThenFailClearly() throws Exception {
        String big = "x".repeat(2000);
        try (var store = open(new StoreOptions(1L << 40, 1L << 40, 256 * 1024), CapacityAlarms.NONE)) {
            for (int i = 0; i < 400; i++) {
                store.append(MessageClass.TELEMETRY, List.of("{\"i\":" + i + ",\"pad\":\"" + big + "\"}"));
            }
            StoreStats stats = store.stats();
            assertThat(stats.evictedTelemetry()).as("the file limit made room by evicting").isPositive();
            assertThat(stats.storedTelemetry() + stats.evictedTelemetry()).isEqualTo(400);
            assertThat(store.pages()[0] * 4096).isLessThanOrEqualTo(256 * 1024);

            // Alarms take the room telemetry leaves, up to half the file; then the error says so.
            int stored = 0;
            StoreFullException full = null;
            for (int i = 0; i < 400 && full == null; i++) {
                try {
                    store.append(MessageClass.ALARM, List.of("{\"a\":" + i + ",\"pad\":\"" + big + "\"}"));
                    stored++;
                } catch (StoreFullException e) {
                    full = e;
                }
            }
            assertThat(full).isNotNull();
            assertThat(full.getMessage()).contains("alarm store full").contains("of 131072 bytes");
            assertThat(store.stats().storedAlarms()).isEqualTo(stored);
            assertThat(store.stats().alarmBytes()).isLessThanOrEqualTo(128 * 1024);
            assertThat(store.stats().storedTelemetry()).as("readings gave way to alarms").isLessThan(
                    stats.storedTelemetry());

            // Draining frees room and appends work again, on the same store.
            drain(store);
            store.append(MessageClass.ALARM, List.of("{\"after\":true}"));
            assertThat(store.take(10).orElseThrow().records()).containsExactly("{\"after\":true}");
        }
    }

    @Test
    void whenOnlyInFlightTelemetryIsLeftAFullFileRefusesWithAClearError() throws Exception {
        String big = "x".repeat(2000);
        try (var store = open(new StoreOptions(1L << 40, 1L << 40, 256 * 1024), CapacityAlarms.NONE)) {
            StoreFullException full = null;
            for (int i = 0; i < 400 && full == null; i++) {
                try {
                    store.append(MessageClass.TELEMETRY, List.of("{\"i\":" + i + ",\"pad\":\"" + big + "\"}"));
                } catch (StoreFullException e) {
                    full = e;
                }
                store.take(1000); // everything goes in flight: nothing is left to evict
            }
            assertThat(full).isNotNull();
            assertThat(full.getMessage()).contains("store full").contains("file cap (262144 bytes)")
                    .contains("no stored telemetry left to evict");
        }
    }

    @Test
    void aDrainedBacklogIsReturnedToTheSystemInSmallSteps() throws Exception {
        String pad = "y".repeat(1500);
        try (var store = open(StoreOptions.DEFAULTS, CapacityAlarms.NONE)) {
            for (int batch = 0; batch < 100; batch++) {
                int b = batch;
                store.append(MessageClass.TELEMETRY,
                        IntStream.range(0, 100).mapToObj(i -> "{\"i\":" + (b * 100 + i) + ",\"p\":\"" + pad + "\"}")
                                .toList());
            }
            long full = store.pages()[0];
            assertThat(full).isGreaterThan(3000);
            drain(store, 100);
            long[] after = store.pages();
            assertThat(after[0]).as("file shrunk").isLessThan(full / 2);
            assertThat(after[1]).as("free pages kept for reuse").isLessThanOrEqualTo(2048 + 256);
        }
    }

    @Test
    void orderIsTheStoresOwnSequenceWhateverTheClockSays() throws Exception {
        try (var store = open(StoreOptions.DEFAULTS, CapacityAlarms.NONE)) {
            var appended = List.of(
                    "{\"ts\":\"2026-11-21T08:00:00Z\"}",
                    "{\"ts\":\"2026-11-21T08:00:01Z\"}",
                    "{\"ts\":\"2019-01-01T00:00:00Z\"}", // the clock jumped back (RTC reset)
                    "{\"ts\":\"2019-01-01T00:00:01Z\"}",
                    "{\"ts\":\"2031-05-05T00:00:00Z\"}", // and forward
                    "{\"ts\":\"2026-11-21T08:00:02Z\"}");
            for (String r : appended) {
                store.append(MessageClass.TELEMETRY, List.of(r));
            }
            assertThat(drain(store)).flatExtracting(StoredMessage::records).containsExactlyElementsOf(appended);
        }
    }

    @Test
    void evictionAndTheOldestUnsentFollowTheStoresOrderWhateverTheClockSays() throws Exception {
        int size = "{\"ts\":\"2026-11-21T08:00:00Z\"}".length();
        try (var store = open(new StoreOptions(3L * size, 1_000_000, 0), CapacityAlarms.NONE)) {
            // Appended in this order while the clock stepped back by years, then forward.
            var appended = List.of("{\"ts\":\"2026-11-21T08:00:00Z\"}", "{\"ts\":\"2019-01-01T00:00:00Z\"}",
                    "{\"ts\":\"2031-05-05T00:00:00Z\"}", "{\"ts\":\"2026-11-21T08:00:02Z\"}");
            for (String r : appended) {
                store.append(MessageClass.TELEMETRY, List.of(r));
            }
            assertThat(store.stats().evictedTelemetry()).isEqualTo(1);
            assertThat(store.report().oldestUnsent()).as("the first kept, not the earliest by its time")
                    .containsEntry(MessageClass.TELEMETRY, "2019-01-01T00:00:00Z");
            List<String> kept = drain(store).stream().filter(m -> m.messageClass() == MessageClass.TELEMETRY)
                    .flatMap(m -> m.records().stream()).toList();
            assertThat(kept).as("the first appended was evicted, not the one with the earliest time")
                    .containsExactlyElementsOf(appended.subList(1, 4));
        }
    }

    @Test
    void sizesAndEvictionCountsSurviveARestart() throws Exception {
        var options = new StoreOptions(5 * BODY, 1_000_000, 0);
        try (var store = open(options, CapacityAlarms.NONE)) {
            store.append(MessageClass.TELEMETRY, bodies("t", 0, 7));
            assertThat(store.stats().evictedTelemetry()).as("a batch over the cap loses its own oldest").isEqualTo(2);
        }
        try (var store = open(options, CapacityAlarms.NONE)) {
            assertThat(store.stats().telemetryBytes()).isEqualTo(5L * BODY);
            assertThat(store.stats().evictedTelemetry()).isEqualTo(2);
            store.append(MessageClass.TELEMETRY, bodies("u", 0, 1));
            assertThat(store.stats().evictedTelemetry()).isEqualTo(3);
        }
    }

    @Test
    void countsUtf8BytesAsSqliteStoresThem() {
        assertThat(SqliteOutbox.utf8Length("aé水😀")).isEqualTo(1 + 2 + 3 + 4);
    }
}
