package io.weir.cloud.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.cloud.RetentionOptions;
import io.weir.testing.TestClock;
import io.weir.cloud.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention on both databases with an injected clock: readings, gateway events and dead letters past their limit
 * go, in small batches; on PostgreSQL whole telemetry months past the limit are dropped as partitions (and not
 * created again), and the default partition is deleted from row by row.
 */
class RetentionTest {
    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void whatIsPastItsLimitGoesAndTheRestStays(TestDatabase db) {
        TestClock clock = new TestClock(NOW);
        try (Database database = Database.open(db.jdbcUrl(dir))) {
            Transactor tx = database.transactor();
            TelemetryPartitions partitions = new TelemetryPartitions(3, 2);
            partitions.ensure(tx, database.isPostgres(), NOW);
            RetentionOptions options = new RetentionOptions(Duration.ofDays(30), Duration.ofDays(7),
                    Duration.ofDays(1), Duration.ofHours(1), 2);
            Retention retention = new Retention(tx, database.isPostgres(), partitions, options, clock);

            List<String> readings = List.of("2025-01-01T00:00:00Z", "2026-03-10T00:00:00Z", "2026-04-20T00:00:00Z",
                    "2026-05-10T00:00:00Z", "2026-05-20T00:00:00Z", "2026-06-14T00:00:00Z");
            tx.write(c -> {
                for (int i = 0; i < readings.size(); i++) {
                    reading(c, i, Instant.parse(readings.get(i)));
                }
                for (int i = 0; i < 5; i++) {
                    event(c, i, NOW.minus(Duration.ofDays(10)));
                    deadLetter(c, "old-" + i, NOW.minus(Duration.ofDays(2)));
                }
                event(c, 9, NOW.minus(Duration.ofDays(1)));
                deadLetter(c, "new", NOW.minus(Duration.ofHours(1)));
                return null;
            });

            Retention.Removed removed = retention.runOnce();

            assertThat(removed.events()).isEqualTo(5);
            assertThat(removed.deadLetters()).isEqualTo(5);
            assertThat(count(tx, "SELECT COUNT(*) FROM gateway_event")).isEqualTo(1);
            assertThat(count(tx, "SELECT COUNT(*) FROM dead_letter")).isEqualTo(1);
            if (database.isPostgres()) {
                // limit 2026-05-16: March and April are whole months past it and go as partitions; May stays whole
                assertThat(removed.telemetryMonths()).containsExactly(YearMonth.of(2026, 3), YearMonth.of(2026, 4));
                assertThat(removed.telemetry()).isEqualTo(1); // 2025-01-01, from the default partition
                assertThat(times(tx)).containsExactly(readings.get(3), readings.get(4), readings.get(5));
                assertThat(tx.read(TelemetryPartitions::months)).doesNotContain(YearMonth.of(2026, 4));
                partitions.ensure(tx, true, NOW, retention.telemetryKeptFrom());
                assertThat(tx.read(TelemetryPartitions::months)).doesNotContain(YearMonth.of(2026, 4));
            } else {
                assertThat(removed.telemetry()).isEqualTo(4);
                assertThat(times(tx)).containsExactly(readings.get(4), readings.get(5));
            }
            assertThat(retention.runOnce().any()).isFalse();

            clock.advance(Duration.ofDays(60));
            retention.runOnce();
            assertThat(count(tx, "SELECT COUNT(*) FROM telemetry")).isZero();
            assertThat(count(tx, "SELECT COUNT(*) FROM gateway_event")).isZero();
            assertThat(retention.removed("dead_letters")).isEqualTo(6);
        }
    }

    private static void reading(Connection c, int i, Instant ts) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO telemetry (gateway_id, seq, reading_index, channel, "
                + "ts, value_num, quality) VALUES ('gw-1', ?, 0, '62001200/radar-1/water_level', ?, 3.1, 'GOOD')")) {
            s.setLong(1, i);
            s.setLong(2, ts.toEpochMilli());
            s.executeUpdate();
        }
    }

    private static void event(Connection c, int i, Instant received) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO gateway_event (gateway_id, seq, event_index, type, "
                + "ts, body_json, received_at) VALUES ('gw-1', ?, 0, 'STORE_TELEMETRY_EVICTED', ?, '{}', ?)")) {
            s.setLong(1, i);
            s.setLong(2, received.toEpochMilli());
            s.setLong(3, received.toEpochMilli());
            s.executeUpdate();
        }
    }

    private static void deadLetter(Connection c, String id, Instant received) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO dead_letter (id, received_at, topic, reason, "
                + "payload, payload_encoding) VALUES (?, ?, 'weir/v1/gw-1/telemetry', 'test', '{}', 'UTF8')")) {
            s.setString(1, id);
            s.setLong(2, received.toEpochMilli());
            s.executeUpdate();
        }
    }

    private static long count(Transactor tx, String sql) {
        return tx.read(c -> {
            try (var s = c.prepareStatement(sql); var r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    private static List<String> times(Transactor tx) {
        return tx.read(c -> {
            try (var s = c.prepareStatement("SELECT ts FROM telemetry ORDER BY ts"); var r = s.executeQuery()) {
                var out = new java.util.ArrayList<String>();
                while (r.next()) {
                    out.add(Instant.ofEpochMilli(r.getLong(1)).toString());
                }
                return out;
            }
        });
    }
}
