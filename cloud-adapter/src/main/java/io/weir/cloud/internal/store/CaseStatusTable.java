package io.weir.cloud.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Case status reports from the platform's webhook, each (case id, status) once (migration V3). */
public final class CaseStatusTable {

    /** A status report recorded, and whether its alarm acknowledgement still has to be published. */
    public record Recorded(String alarmId, String gatewayId, boolean ackPending) {
    }

    /**
     * Records the status on the case's outbox row and in the history; null for a case this adapter never opened.
     */
    public Recorded record(Connection c, String caseId, String status, Instant now) throws SQLException {
        return record(c, caseId, null, status, now);
    }

    /**
     * As {@link #record(Connection, String, String, Instant)}, also for a case whose opening this adapter has not
     * recorded yet: the platform may report REGISTERED before its answer to the opening request is committed here.
     * The report names the case's idempotency key (the alarm id), so the case id is recorded on that alarm's
     * outbox row now (the answer, when it is committed, names the same case).
     */
    public Recorded record(Connection c, String caseId, String idempotencyKey, String status, Instant now)
            throws SQLException {
        String[] owner = owner(c, caseId);
        if (owner == null && idempotencyKey != null) {
            try (PreparedStatement s = c.prepareStatement("UPDATE case_outbox SET case_id = ? "
                    + "WHERE alarm_id = ? AND case_id IS NULL AND status = 'PENDING'")) {
                s.setString(1, caseId);
                s.setString(2, idempotencyKey);
                if (s.executeUpdate() == 1) {
                    owner = owner(c, caseId);
                }
            }
        }
        if (owner == null) {
            return null;
        }
        String alarmId = owner[0];
        String gatewayId = owner[1];
        try (PreparedStatement s = c.prepareStatement("INSERT INTO case_status_event (case_id, status, alarm_id, "
                + "gateway_id, received_at, ack_published) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, caseId);
            s.setString(2, status);
            s.setString(3, alarmId);
            s.setString(4, gatewayId);
            s.setLong(5, now.toEpochMilli());
            s.setBoolean(6, false);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE case_outbox SET case_status = ?, case_status_at = ? "
                + "WHERE case_id = ?")) {
            s.setString(1, status);
            s.setLong(2, now.toEpochMilli());
            s.setString(3, caseId);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("SELECT ack_published FROM case_status_event "
                + "WHERE case_id = ? AND status = ?")) {
            s.setString(1, caseId);
            s.setString(2, status);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new Recorded(alarmId, gatewayId, !r.getBoolean(1));
            }
        }
    }

    /** The alarm id and gateway id of the outbox row with this case id, or null. */
    private static String[] owner(Connection c, String caseId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT alarm_id, gateway_id FROM case_outbox WHERE case_id = ?")) {
            s.setString(1, caseId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new String[] {r.getString("alarm_id"), r.getString("gateway_id")} : null;
            }
        }
    }

    public void ackPublished(Connection c, String caseId, String status) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE case_status_event SET ack_published = ? "
                + "WHERE case_id = ? AND status = ?")) {
            s.setBoolean(1, true);
            s.setString(2, caseId);
            s.setString(3, status);
            s.executeUpdate();
        }
    }
}
