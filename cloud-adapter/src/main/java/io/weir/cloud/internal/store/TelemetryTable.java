package io.weir.cloud.internal.store;

import io.weir.cloud.internal.protocol.Reading;
import io.weir.cloud.internal.protocol.TelemetryMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Appends the readings of telemetry messages, keyed by (gatewayId, seq, position in the message). */
public final class TelemetryTable {
    private static final String INSERT = "INSERT INTO telemetry (gateway_id, seq, reading_index, channel, ts, "
            + "value_num, value_bool, value_text, unit, quality, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    public void insert(Connection c, TelemetryMessage message) throws SQLException {
        try (PreparedStatement s = prepare(c)) {
            add(s, message);
            s.executeBatch();
        }
    }

    /** A statement for {@link #add}; the caller executes the batch and closes it. */
    public PreparedStatement prepare(Connection c) throws SQLException {
        return c.prepareStatement(INSERT);
    }

    /**
     * Adds the message's readings to the JDBC batch of {@code s}, so the readings of many messages go out in one
     * {@code executeBatch} (rewritten into multi-row INSERTs on PostgreSQL).
     */
    public void add(PreparedStatement s, TelemetryMessage message) throws SQLException {
        List<Reading> readings = message.readings();
        for (int i = 0; i < readings.size(); i++) {
            Reading r = readings.get(i);
            s.setString(1, message.gatewayId());
            s.setLong(2, message.seq());
            s.setInt(3, i);
            s.setString(4, r.channel());
            Sql.setTime(s, 5, r.ts());
            Sql.setDouble(s, 6, r.value() instanceof Double d ? d : null);
            Sql.setBoolean(s, 7, r.value() instanceof Boolean b ? b : null);
            Sql.setText(s, 8, r.value() instanceof String t ? t : null);
            Sql.setText(s, 9, r.unit());
            s.setString(10, r.quality().name());
            Sql.setText(s, 11, r.reason() == null ? null : r.reason().name());
            s.addBatch();
        }
    }
}
