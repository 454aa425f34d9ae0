package io.weir.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.api.store.MessageClass;
import io.weir.api.store.StoredMessage;

class SqliteOutboxTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("store.db");
    }

    private static List<String> bodies(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> "{\"r\":\"" + prefix + i + "\"}").toList();
    }

    @Test
    void appendedRecordsSurviveAReopen() throws Exception {
        try (var store = SqliteOutbox.open(file())) {
            store.append(MessageClass.TELEMETRY, bodies("t", 3));
        }
        try (var store = SqliteOutbox.open(file())) {
            assertThat(store.stats().storedTelemetry()).isEqualTo(3);
            assertThat(store.take(10)).get().extracting(StoredMessage::records).isEqualTo(bodies("t", 3));
        }
    }

    @Test
    void alarmsGoOutBeforeTelemetryAndEachClassOldestFirst() throws Exception {
        try (var store = SqliteOutbox.open(file())) {
            store.append(MessageClass.TELEMETRY, bodies("t", 5));
            store.append(MessageClass.ALARM, bodies("a", 1));
            StoredMessage first = store.take(2).orElseThrow();
            StoredMessage second = store.take(2).orElseThrow();
            StoredMessage third = store.take(2).orElseThrow();
            assertThat(first.messageClass()).isEqualTo(MessageClass.ALARM);
            assertThat(first.records()).containsExactly("{\"r\":\"a0\"}");
            assertThat(second.records()).containsExactly("{\"r\":\"t0\"}", "{\"r\":\"t1\"}");
            assertThat(third.records()).containsExactly("{\"r\":\"t2\"}", "{\"r\":\"t3\"}");
            assertThat(List.of(first.seq(), second.seq(), third.seq())).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void aMessageStaysUnderItsByteCapAndAnOversizedRecordGoesAlone() throws Exception {
        try (var store = SqliteOutbox.open(file())) {
            String hundred = "{\"r\":\"" + "x".repeat(92) + "\"}"; // 100 bytes
            String big = "{\"r\":\"" + "y".repeat(492) + "\"}";    // 500 bytes
            store.append(MessageClass.TELEMETRY, List.of(hundred, hundred, hundred, big, hundred));
            assertThat(SqliteOutbox.utf8Length(hundred)).isEqualTo(100);

            assertThat(store.take(10, 250).orElseThrow().records()).containsExactly(hundred, hundred);
            assertThat(store.take(10, 250).orElseThrow().records()).containsExactly(hundred);
            assertThat(store.take(10, 250).orElseThrow().records()).containsExactly(big);
            assertThat(store.take(10, 250).orElseThrow().records()).containsExactly(hundred);
            assertThat(store.take(10, 250)).isEmpty();
        }
    }

    @Test
    void confirmedMessagesAreRemovedAndNothingElse() throws Exception {
        try (var store = SqliteOutbox.open(file())) {
            store.append(MessageClass.TELEMETRY, bodies("t", 4));
            StoredMessage m = store.take(3).orElseThrow();
            store.confirm(m.seq());
            assertThat(store.stats().storedTelemetry()).isEqualTo(1);
            assertThat(store.stats().inFlightMessages()).isZero();
            assertThat(store.take(10).orElseThrow().records()).containsExactly("{\"r\":\"t3\"}");
        }
    }

    /**
     * A confirm takes the message's bytes off the telemetry total however the message was handed out: formed now,
     * handed out again after a release, or left in flight by an earlier run. Bodies hold characters of two, three
     * and four UTF-8 bytes, so the total is in bytes, not characters.
     */
    @Test
    void confirmsTakeExactlyTheirBytesOffTheTotals() throws Exception {
        List<String> bodies = List.of("{\"r\":\"a\"}", "{\"r\":\"\u00e9\"}", "{\"r\":\"\u6c34\"}",
                "{\"r\":\"\ud83d\udca7\"}", "{\"r\":\"b\"}", "{\"r\":\"c\"}");
        try (var store = SqliteOutbox.open(file())) {
            store.append(MessageClass.TELEMETRY, bodies);
            assertThat(store.stats().telemetryBytes()).isEqualTo(9 + 10 + 11 + 12 + 9 + 9);
            store.confirm(store.take(2).orElseThrow().seq());
            assertThat(store.stats().telemetryBytes()).isEqualTo(11 + 12 + 9 + 9);
            StoredMessage released = store.take(2).orElseThrow();
            store.release(released.seq());
            store.confirm(store.take(2).orElseThrow().seq());
            assertThat(store.stats().telemetryBytes()).isEqualTo(9 + 9);
            store.take(2).orElseThrow();
        }
        try (var store = SqliteOutbox.open(file())) {
            store.confirm(store.take(10).orElseThrow().seq());
            assertThat(store.stats().telemetryBytes()).isZero();
            assertThat(store.stats().storedTelemetry()).isZero();
        }
    }

    @Test
    void anUnconfirmedMessageIsResentAfterARestartWithTheSameSequenceAndRecords() throws Exception {
        StoredMessage sent;
        try (var store = SqliteOutbox.open(file())) {
            store.append(MessageClass.TELEMETRY, bodies("t", 3));
            sent = store.take(2).orElseThrow();
            store.append(MessageClass.TELEMETRY, bodies("u", 1));
        }
        try (var store = SqliteOutbox.open(file())) {
            assertThat(store.take(10)).contains(sent);
            StoredMessage next = store.take(10).orElseThrow();
            assertThat(next.seq()).isGreaterThan(sent.seq());
            assertThat(next.records()).containsExactly("{\"r\":\"t2\"}", "{\"r\":\"u0\"}");
        }
    }

    @Test
    void aReleasedMessageIsHandedOutAgainUnchangedBeforeNewOnes() throws Exception {
        try (var store = SqliteOutbox.open(file())) {
            store.append(MessageClass.TELEMETRY, bodies("t", 4));
            StoredMessage a = store.take(2).orElseThrow();
            StoredMessage b = store.take(2).orElseThrow();
            assertThat(store.take(2)).isEmpty();
            store.release(b.seq());
            store.release(a.seq());
            assertThat(store.take(2)).contains(a);
            assertThat(store.take(2)).contains(b);
        }
    }

    @Test
    void sequenceNumbersNeverRepeatAcrossRestarts() throws Exception {
        long last;
        try (var store = SqliteOutbox.open(file())) {
            store.append(MessageClass.ALARM, bodies("a", 1));
            StoredMessage m = store.take(1).orElseThrow();
            store.confirm(m.seq());
            last = m.seq();
        }
        try (var store = SqliteOutbox.open(file())) {
            store.append(MessageClass.ALARM, bodies("b", 1));
            assertThat(store.take(1).orElseThrow().seq()).isGreaterThan(last);
        }
    }

    @Test
    void concurrentAppendsAreAllKept() throws Exception {
        int threads = 8;
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (var store = SqliteOutbox.open(file())) {
            var futures = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                String prefix = "p" + t + "-";
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        store.append(MessageClass.TELEMETRY, List.of("{\"r\":\"" + prefix + i + "\"}"));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        try (var store = SqliteOutbox.open(file())) {
            assertThat(store.stats().storedTelemetry()).isEqualTo((long) threads * perThread);
        }
    }
}
