package io.weir.cloud.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.cloud.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The county platform reports REGISTERED as it opens a case, often before its answer to the opening request is
 * committed by the adapter (the demo's first case met a 404 that way). The report names the alarm id as its
 * idempotency key, so it is taken at once; a report for a case nobody asked for is still refused.
 */
class CaseStatusBeforeOpeningTest {
    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    private static final String ALARM = "gw-yx-001:river-level:1";

    @TempDir
    Path dir;

    @Test
    void aStatusThatOvertakesTheOpeningIsRecordedOnItsAlarm() {
        try (Database database = Database.open(TestDatabase.SQLITE.jdbcUrl(dir))) {
            Transactor tx = database.transactor();
            CaseOutboxTable outbox = new CaseOutboxTable();
            CaseStatusTable statuses = new CaseStatusTable();
            tx.write(c -> outbox.enqueue(c, ALARM, "gw-yx-001", "{}", NOW));

            CaseStatusTable.Recorded early = tx.write(c -> statuses.record(c, "C1", ALARM, "REGISTERED", NOW));
            assertThat(early).isNotNull();
            assertThat(early.alarmId()).isEqualTo(ALARM);
            assertThat(early.ackPending()).isTrue();

            tx.write(c -> {
                outbox.markSent(c, ALARM, "C1", NOW);
                return null;
            });
            CaseStatusTable.Recorded later = tx.write(c -> statuses.record(c, "C1", null, "DISPATCHED", NOW));
            assertThat(later).isNotNull();
            CaseStatusTable.Recorded stranger = tx.write(c -> statuses.record(c, "C2", "gw-yx-001:other:9",
                    "REGISTERED", NOW));
            assertThat(stranger).isNull();
            CaseStatusTable.Recorded other = tx.write(c -> statuses.record(c, "C3", ALARM, "REGISTERED", NOW));
            assertThat(other).as("an alarm whose case is known takes no other case id").isNull();
        }
    }
}
