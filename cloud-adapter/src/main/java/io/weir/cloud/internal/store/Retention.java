package io.weir.cloud.internal.store;

import io.weir.cloud.RetentionOptions;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what is older than its retention (docs/operations.md "Retention"): readings, gateway events and dead
 * letters. Rows go in transactions of at most {@code batchSize}, so ingest (on SQLite, the one writer) waits at
 * most one batch behind it; on PostgreSQL, telemetry months past the limit are dropped whole (their partitions),
 * and only the default partition is deleted from row by row. Every instance over one database may run it: each
 * step is idempotent.
 */
public final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    /** What one pass removed. */
    public record Removed(long telemetry, List<YearMonth> telemetryMonths, long events, long deadLetters) {
        public boolean any() {
            return telemetry + events + deadLetters > 0 || !telemetryMonths.isEmpty();
        }
    }

    private final Transactor transactor;
    private final boolean postgres;
    private final TelemetryPartitions partitions;
    private final RetentionOptions options;
    private final Clock clock;
    private final AtomicLong telemetryRemoved = new AtomicLong();
    private final AtomicLong partitionsDropped = new AtomicLong();
    private final AtomicLong eventsRemoved = new AtomicLong();
    private final AtomicLong deadLettersRemoved = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile Instant lastPass;

    public Retention(Transactor transactor, boolean postgres, TelemetryPartitions partitions, RetentionOptions options,
                     Clock clock) {
        this.transactor = transactor;
        this.postgres = postgres;
        this.partitions = partitions;
        this.options = options;
        this.clock = clock;
    }

    /** The oldest reading time telemetry retention keeps, or null when telemetry is kept for ever. */
    public Instant telemetryKeptFrom() {
        return cutoff(options.telemetry(), clock.instant());
    }

    /** One pass over every class; run periodically. Never throws: a failure is logged and counted. */
    public Removed runSafely() {
        try {
            return runOnce();
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            LOG.error("Retention pass failed; trying again at the next one", e);
            return new Removed(0, List.of(), 0, 0);
        }
    }

    /** One pass over every class. */
    public Removed runOnce() {
        Instant now = clock.instant();
        long telemetry = 0;
        List<YearMonth> months = List.of();
        Instant telemetryCutoff = cutoff(options.telemetry(), now);
        if (telemetryCutoff != null) {
            if (postgres) {
                months = partitions.dropBefore(transactor, telemetryCutoff);
                telemetry = deleteOlder("telemetry_default", "gateway_id, seq, reading_index, ts", "ts",
                        telemetryCutoff);
            } else {
                telemetry = deleteOlder("telemetry", "rowid", "ts", telemetryCutoff);
            }
        }
        Instant eventCutoff = cutoff(options.events(), now);
        long events = eventCutoff == null ? 0
                : deleteOlder("gateway_event", "gateway_id, seq, event_index", "received_at", eventCutoff);
        Instant deadCutoff = cutoff(options.deadLetters(), now);
        long dead = deadCutoff == null ? 0 : deleteOlder("dead_letter", "id", "received_at", deadCutoff);
        telemetryRemoved.addAndGet(telemetry);
        partitionsDropped.addAndGet(months.size());
        eventsRemoved.addAndGet(events);
        deadLettersRemoved.addAndGet(dead);
        lastPass = now;
        Removed removed = new Removed(telemetry, months, events, dead);
        if (removed.any()) {
            LOG.info("Retention removed {} readings{}, {} gateway events, {} dead letters", telemetry,
                    months.isEmpty() ? "" : " and the telemetry of " + months, events, dead);
        }
        return removed;
    }

    /** Rows removed since start, by class ({@code telemetry}, {@code events}, {@code dead_letters}). */
    public long removed(String kind) {
        return switch (kind) {
            case "telemetry" -> telemetryRemoved.get();
            case "events" -> eventsRemoved.get();
            case "dead_letters" -> deadLettersRemoved.get();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    public long partitionsDropped() {
        return partitionsDropped.get();
    }

    public long failures() {
        return failures.get();
    }

    /** When the last pass finished, or null before the first. */
    public Instant lastPass() {
        return lastPass;
    }

    public Duration interval() {
        return options.interval();
    }

    private static Instant cutoff(Duration keep, Instant now) {
        return keep.isZero() ? null : now.minus(keep);
    }

    /** Deletes rows with {@code timeColumn < cutoff}, a batch per transaction, until none is left. */
    private long deleteOlder(String table, String key, String timeColumn, Instant cutoff) {
        String keys = key.contains(",") ? "(" + key + ")" : key;
        String sql = "DELETE FROM " + table + " WHERE " + keys + " IN (SELECT " + key + " FROM " + table + " WHERE "
                + timeColumn + " < ? LIMIT ?)";
        long total = 0;
        while (true) {
            int deleted = transactor.write(c -> {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setLong(1, cutoff.toEpochMilli());
                    s.setInt(2, options.batchSize());
                    return s.executeUpdate();
                }
            });
            total += deleted;
            if (deleted < options.batchSize()) {
                return total;
            }
        }
    }
}
