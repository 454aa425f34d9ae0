package io.weir.cloud.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/** The duplicate filter: one row per committed (gatewayId, seq). */
public final class ReceivedMessageTable {
    private static final String INSERT = "INSERT INTO received_message (gateway_id, seq, kind, received_at) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";

    /** Records the message; false when (gatewayId, seq) was already committed, i.e. this is a duplicate. */
    public boolean recordFirst(Connection c, String gatewayId, long seq, String kind, Instant receivedAt)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, gatewayId);
            s.setLong(2, seq);
            s.setString(3, kind);
            s.setLong(4, receivedAt.toEpochMilli());
            return s.executeUpdate() == 1;
        }
    }
}
