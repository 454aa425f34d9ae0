package io.weir.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.api.store.MessageClass;
import io.weir.api.store.NotStoredException;
import io.weir.api.store.StoredMessage;
import io.weir.store.internal.FaultyConnections.Fault;

/**
 * The store under SQLite's failures on a full disk, injected at the JDBC layer: nothing stored is lost, what could
 * not be stored is said or retried, and the store works on as soon as SQLite does (no "statement is not
 * executing", no "cannot commit - no transaction is active" ever after).
 */
class StoreFaultsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);
    private static final long MIB = StoreOptions.MIB;
    private static final CapacityAlarms FAULTS = (kind, raised, n, value, threshold, ts) ->
            "{\"fault\":\"" + kind.ruleId + "\",\"transition\":\"" + (raised ? "RAISED" : "CLEARED") + "\"}";

    @TempDir
    Path dir;

    private final FaultyConnections faults = new FaultyConnections();
    /** Free space the store sees on its file system. */
    private final AtomicLong free = new AtomicLong(10_000 * MIB);

    private SqliteOutbox open(StoreOptions options) throws Exception {
        return SqliteOutbox.open(dir.resolve("store.db"), options, CLOCK, FAULTS, free::get, faults);
    }

    private static List<String> bodies(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "{\"r\":\"" + prefix + i + "\",\"pad\":\""
                + "p".repeat(200) + "\"}").toList();
    }

    private static List<String> drain(SqliteOutbox store) {
        var all = new ArrayList<String>();
        for (var m = store.take(1000); m.isPresent(); m = store.take(1000)) {
            all.addAll(m.get().records());
            store.confirm(m.get().seq());
        }
        return all;
    }

    @Test
    void aCommitLostToAFullDiskIsRetriedAfterMakingRoomAndLeavesNothingBroken() throws Exception {
        try (var store = open(new StoreOptions(100 * MIB, MIB, 0))) {
            store.append(MessageClass.TELEMETRY, bodies("t", 0, 50));
            faults.fail(Fault.FULL_ON_COMMIT, 1);
            store.append(MessageClass.ALARM, List.of("{\"alarm\":1}"));
            assertThat(faults.injected).hasValue(1);

            // Every operation works afterwards, on a connection SQLite had left without a transaction.
            StoredMessage alarm = store.take(10).orElseThrow();
            assertThat(alarm.records()).containsExactly("{\"alarm\":1}");
            store.confirm(alarm.seq());
            store.append(MessageClass.TELEMETRY, bodies("t", 50, 60));
            assertThat(store.stats().storedAlarms()).isZero();
            assertThat(drain(store)).as("the room made evicted the oldest readings, never a newer one")
                    .endsWith(bodies("t", 0, 60).get(59)).doesNotHaveDuplicates();
            assertThat(store.stats().storedTelemetry()).isZero();
        }
    }

    @Test
    void aDiskThatStaysFullRefusesReadingsClearlyAndTheStoreWorksAgainOnceItHasRoom() throws Exception {
        try (var store = open(new StoreOptions(100 * MIB, MIB, 0))) {
            store.append(MessageClass.ALARM, List.of("{\"alarm\":1}"));
            faults.fail(Fault.FULL_ON_COMMIT, Integer.MAX_VALUE);
            assertThatThrownBy(() -> store.append(MessageClass.TELEMETRY, bodies("t", 0, 5)))
                    .isInstanceOf(StoreFullException.class)
                    .hasMessageContaining("no stored telemetry left to evict");
            assertThatThrownBy(() -> store.take(10)).isInstanceOf(StoreException.class);

            faults.clear();
            StoredMessage m = store.take(10).orElseThrow();
            assertThat(m.records()).containsExactly("{\"alarm\":1}");
            store.confirm(m.seq());
            store.append(MessageClass.TELEMETRY, bodies("t", 0, 5));
            assertThat(drain(store)).isEqualTo(bodies("t", 0, 5));
        }
    }

    @Test
    void anIoErrorReplacesTheConnectionAndLosesNothingCommittedBefore() throws Exception {
        try (var store = open(new StoreOptions(100 * MIB, MIB, 0))) {
            store.append(MessageClass.TELEMETRY, bodies("t", 0, 3));
            int connections = faults.opened.get();
            faults.fail(Fault.IOERR_ON_COMMIT, 1);
            store.append(MessageClass.ALARM, List.of("{\"alarm\":1}"));
            assertThat(faults.opened.get()).as("a new connection after the I/O error").isGreaterThan(connections);
            List<String> out = drain(store);
            assertThat(out).contains("{\"alarm\":1}");
            assertThat(out.get(0)).isEqualTo("{\"alarm\":1}");
        }
    }

    @Test
    void whenTheFileSystemIsShortTheReserveIsGivenUpAFaultIsRaisedAndClearedOnceThereIsRoomAgain()
            throws Exception {
        var options = new StoreOptions(100 * MIB, MIB, 0, 0, 64 * 1024);
        Path reserve = dir.resolve("store.db.reserve");
        try (var store = open(options)) {
            assertThat(reserve).hasSize(64 * 1024);
            store.append(MessageClass.TELEMETRY, bodies("t", 0, 2000));
            free.set(0);
            faults.fail(Fault.FULL_ON_COMMIT, 1);
            store.append(MessageClass.ALARM, List.of("{\"alarm\":1}"));
            assertThat(reserve).doesNotExist();
            StoreReport report = store.report();
            assertThat(report.reserveInPlace()).isFalse();
            assertThat(report.diskFullAlarm()).isTrue();
            assertThat(report.nearCap()).isTrue();
            assertThat(report.stats().evictedTelemetry()).as("old telemetry made room").isPositive();

            StoredMessage alarms = store.take(10).orElseThrow();
            assertThat(alarms.records()).containsExactly(
                    "{\"fault\":\"store.disk-full\",\"transition\":\"RAISED\"}", "{\"alarm\":1}");
            free.set(10_000 * MIB); // a technician cleared the logs
            store.confirm(alarms.seq());
            assertThat(reserve).hasSize(64 * 1024);
            assertThat(store.report().capacityAlarm()).isFalse();
            assertThat(store.take(10).orElseThrow().records())
                    .containsExactly("{\"fault\":\"store.disk-full\",\"transition\":\"CLEARED\"}");
        }
    }

    @Test
    void aStatementLevelFullDiskIsRetriedWithinItsGroupAndOtherWorkOfTheGroupIsKept() throws Exception {
        try (var store = open(new StoreOptions(100 * MIB, MIB, 0))) {
            store.append(MessageClass.TELEMETRY, bodies("t", 0, 100));
            faults.fail(Fault.FULL_ON_INSERT, 2);
            store.append(MessageClass.ALARM, List.of("{\"alarm\":1}"));
            assertThat(faults.injected).hasValue(2);
            List<String> out = drain(store);
            assertThat(out.get(0)).isEqualTo("{\"alarm\":1}");
        }
    }

    @Test
    void alarmEventsTheStoreCannotWriteWaitInMemoryInOrderAndAreWrittenOnceItCan() throws Exception {
        try (var store = open(new StoreOptions(100 * MIB, MIB, 0))) {
            var pending = new PendingRecords(store::append);
            faults.fail(Fault.FULL_ON_COMMIT, Integer.MAX_VALUE);
            for (int i = 1; i <= 3; i++) {
                int n = i;
                assertThatThrownBy(() -> pending.append(MessageClass.ALARM, "{\"alarm\":" + n + "}", "alarm " + n))
                        .isInstanceOfSatisfying(NotStoredException.class, e -> {
                            assertThat(e.retried()).isTrue();
                            assertThat(e.getStackTrace()).isEmpty();
                            assertThat(e.getMessage()).startsWith("alarm " + n + " is not stored yet");
                        });
            }
            assertThat(pending.flush()).isEqualTo(3);
            faults.clear();
            pending.append(MessageClass.ALARM, "{\"alarm\":4}", "alarm 4");
            assertThat(pending.size()).isZero();
            assertThat(drain(store)).containsExactly("{\"alarm\":1}", "{\"alarm\":2}", "{\"alarm\":3}",
                    "{\"alarm\":4}");
        }
    }
}
