package io.weir.cloud.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Follow-ups of opened cases (migration V3): one row per (alarm id, alarm seq, step), so redeliveries cannot queue
 * two. A row is due only once its case has a case id and every earlier follow-up of the same alarm is done, so the
 * platform sees them in alarm order whatever order the events arrived in.
 */
public final class CaseFollowUpTable {

    /** A follow-up due for sending, with the case it belongs to. */
    public record Row(String alarmId, int alarmSeq, int step, String kind, String requestJson, int attempts,
                      long nextAttemptAt, String caseId) {
    }

    private static final String ENQUEUE = "INSERT INTO case_followup (alarm_id, alarm_seq, step, kind, request_json, "
            + "status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?) "
            + "ON CONFLICT DO NOTHING";
    private static final String DUE = "SELECT f.alarm_id, f.alarm_seq, f.step, f.kind, f.request_json, f.attempts, "
            + "f.next_attempt_at, o.case_id FROM case_followup f JOIN case_outbox o ON o.alarm_id = f.alarm_id "
            + "WHERE f.status = 'PENDING' AND o.status = 'SENT' AND f.next_attempt_at <= ? AND NOT EXISTS ("
            + "SELECT 1 FROM case_followup p WHERE p.alarm_id = f.alarm_id AND p.status = 'PENDING' AND "
            + "(p.alarm_seq < f.alarm_seq OR (p.alarm_seq = f.alarm_seq AND p.step < f.step))) "
            + "ORDER BY f.next_attempt_at, f.alarm_id, f.alarm_seq, f.step LIMIT ?";
    private static final String WHERE_ROW = " WHERE alarm_id = ? AND alarm_seq = ? AND step = ? AND status = 'PENDING'";

    public boolean enqueue(Connection c, String alarmId, int alarmSeq, int step, String kind, String requestJson,
                           Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ENQUEUE)) {
            s.setString(1, alarmId);
            s.setInt(2, alarmSeq);
            s.setInt(3, step);
            s.setString(4, kind);
            s.setString(5, requestJson);
            s.setLong(6, now.toEpochMilli());
            s.setLong(7, now.toEpochMilli());
            return s.executeUpdate() == 1;
        }
    }

    public List<Row> due(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DUE)) {
            s.setLong(1, now.toEpochMilli());
            s.setInt(2, limit);
            List<Row> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getString("alarm_id"), r.getInt("alarm_seq"), r.getInt("step"),
                            r.getString("kind"), r.getString("request_json"), r.getInt("attempts"),
                            r.getLong("next_attempt_at"), r.getString("case_id")));
                }
            }
            return rows;
        }
    }

    /** As {@link CaseOutboxTable#claim}: a lease so one instance sends it at a time. */
    public boolean claim(Connection c, Row row, Instant leaseUntil) throws SQLException {
        return update(c, "UPDATE case_followup SET next_attempt_at = ?" + WHERE_ROW + " AND next_attempt_at = ?", row,
                leaseUntil.toEpochMilli(), row.nextAttemptAt()) == 1;
    }

    /** True when a later follow-up of the same alarm already reached the platform (an UPDATE is then stale). */
    public boolean overtaken(Connection c, Row row) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM case_followup WHERE alarm_id = ? "
                + "AND alarm_seq > ? AND status = 'SENT'")) {
            s.setString(1, row.alarmId());
            s.setInt(2, row.alarmSeq());
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    public void finish(Connection c, Row row, String status, String error, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE case_followup SET status = ?, attempts = attempts + 1, "
                + "last_error = ?, completed_at = ?" + WHERE_ROW)) {
            s.setString(1, status);
            Sql.setText(s, 2, error);
            s.setLong(3, now.toEpochMilli());
            s.setString(4, row.alarmId());
            s.setInt(5, row.alarmSeq());
            s.setInt(6, row.step());
            s.executeUpdate();
        }
    }

    public void retry(Connection c, Row row, Instant next, String error) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE case_followup SET attempts = attempts + 1, "
                + "next_attempt_at = ?, last_error = ?" + WHERE_ROW)) {
            s.setLong(1, next.toEpochMilli());
            s.setString(2, error);
            s.setString(3, row.alarmId());
            s.setInt(4, row.alarmSeq());
            s.setInt(5, row.step());
            s.executeUpdate();
        }
    }

    /**
     * Fails the pending follow-ups of cases the platform refused to open (case_outbox FAILED): they can never be sent,
     * so they end FAILED with a reason naming the failed case rather than wait forever. Returns how many.
     */
    public int failOrphans(Connection c, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE case_followup SET status = 'FAILED', last_error = "
                + "(SELECT 'not sent: the case for alarm ' || o.alarm_id || ' was never opened (' || "
                + "COALESCE(o.last_error, 'refused') || ')' FROM case_outbox o WHERE o.alarm_id = case_followup.alarm_id), "
                + "completed_at = ? WHERE status = 'PENDING' AND alarm_id IN (SELECT alarm_id FROM case_outbox "
                + "WHERE status = 'FAILED')")) {
            s.setLong(1, now.toEpochMilli());
            return s.executeUpdate();
        }
    }

    /** True when some pending follow-up belongs to a case the platform refused (a read: no write lock taken). */
    public boolean hasOrphans(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM case_followup f JOIN case_outbox o "
                + "ON o.alarm_id = f.alarm_id WHERE f.status = 'PENDING' AND o.status = 'FAILED' LIMIT 1");
             ResultSet r = s.executeQuery()) {
            return r.next();
        }
    }

    /** Follow-ups by status. */
    public java.util.Map<String, Long> counts(Connection c) throws SQLException {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        for (String status : new String[] {"PENDING", "SENT", "FAILED", "SKIPPED"}) {
            counts.put(status, 0L);
        }
        try (PreparedStatement s = c.prepareStatement("SELECT status, COUNT(*) AS n FROM case_followup "
                + "GROUP BY status"); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                counts.put(r.getString("status"), r.getLong("n"));
            }
        }
        return counts;
    }

    private static int update(Connection c, String sql, Row row, long first, long last) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, first);
            s.setString(2, row.alarmId());
            s.setInt(3, row.alarmSeq());
            s.setInt(4, row.step());
            s.setLong(5, last);
            return s.executeUpdate();
        }
    }
}
