package io.weir.cloud.internal.store;

import io.weir.cloud.query.CaseDeliveryStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The durable outbox of case requests: one row per alarm id (so redeliveries and duplicate events cannot queue
 * two), see {@link CaseDeliveryStatus}.
 */
public final class CaseOutboxTable {

    private static final String ENQUEUE = "INSERT INTO case_outbox (alarm_id, gateway_id, request_json, status, "
            + "attempts, next_attempt_at, created_at) VALUES (?, ?, ?, 'PENDING', 0, ?, ?) ON CONFLICT DO NOTHING";
    private static final String DUE = "SELECT alarm_id, request_json, attempts, next_attempt_at FROM case_outbox "
            + "WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at, alarm_id LIMIT ?";
    private static final String CLAIM = "UPDATE case_outbox SET next_attempt_at = ? "
            + "WHERE alarm_id = ? AND status = 'PENDING' AND next_attempt_at = ?";
    private static final String SENT = "UPDATE case_outbox SET status = 'SENT', case_id = ?, attempts = attempts + 1, "
            + "last_error = NULL, completed_at = ? WHERE alarm_id = ? AND status = 'PENDING'";
    private static final String RETRY = "UPDATE case_outbox SET attempts = attempts + 1, next_attempt_at = ?, "
            + "last_error = ? WHERE alarm_id = ? AND status = 'PENDING'";
    private static final String FAILED = "UPDATE case_outbox SET status = 'FAILED', attempts = attempts + 1, "
            + "last_error = ?, completed_at = ? WHERE alarm_id = ? AND status = 'PENDING'";
    private static final String COUNTS = "SELECT status, COUNT(*) AS n FROM case_outbox GROUP BY status";

    /** Queues a case request due now; false when this alarm already has one. */
    public boolean enqueue(Connection c, String alarmId, String gatewayId, String requestJson, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ENQUEUE)) {
            s.setString(1, alarmId);
            s.setString(2, gatewayId);
            s.setString(3, requestJson);
            s.setLong(4, now.toEpochMilli());
            s.setLong(5, now.toEpochMilli());
            return s.executeUpdate() == 1;
        }
    }

    public List<OutboxRow> due(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DUE)) {
            s.setLong(1, now.toEpochMilli());
            s.setInt(2, limit);
            List<OutboxRow> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new OutboxRow(r.getString("alarm_id"), r.getString("request_json"),
                            r.getInt("attempts"), r.getLong("next_attempt_at")));
                }
            }
            return rows;
        }
    }

    /**
     * Takes the row for one attempt by pushing its due time to {@code leaseUntil}; false when another worker took it
     * first. If this worker dies mid-request the row falls due again when the lease ends.
     */
    public boolean claim(Connection c, OutboxRow row, Instant leaseUntil) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(CLAIM)) {
            s.setLong(1, leaseUntil.toEpochMilli());
            s.setString(2, row.alarmId());
            s.setLong(3, row.nextAttemptAt());
            return s.executeUpdate() == 1;
        }
    }

    public void markSent(Connection c, String alarmId, String caseId, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SENT)) {
            s.setString(1, caseId);
            s.setLong(2, now.toEpochMilli());
            s.setString(3, alarmId);
            s.executeUpdate();
        }
    }

    /** When the alarm's case request was queued, or null when there is none. */
    public Instant createdAt(Connection c, String alarmId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT created_at FROM case_outbox WHERE alarm_id = ?")) {
            s.setString(1, alarmId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Instant.ofEpochMilli(r.getLong(1)) : null;
            }
        }
    }

    public void markRetry(Connection c, String alarmId, Instant nextAttempt, String error) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(RETRY)) {
            s.setLong(1, nextAttempt.toEpochMilli());
            s.setString(2, error);
            s.setString(3, alarmId);
            s.executeUpdate();
        }
    }

    public void markFailed(Connection c, String alarmId, String error, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(FAILED)) {
            s.setString(1, error);
            s.setLong(2, now.toEpochMilli());
            s.setString(3, alarmId);
            s.executeUpdate();
        }
    }

    public Map<CaseDeliveryStatus, Long> counts(Connection c) throws SQLException {
        Map<CaseDeliveryStatus, Long> counts = new EnumMap<>(CaseDeliveryStatus.class);
        for (CaseDeliveryStatus status : CaseDeliveryStatus.values()) {
            counts.put(status, 0L);
        }
        try (PreparedStatement s = c.prepareStatement(COUNTS); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                counts.put(CaseDeliveryStatus.valueOf(r.getString("status")), r.getLong("n"));
            }
        }
        return counts;
    }
}
