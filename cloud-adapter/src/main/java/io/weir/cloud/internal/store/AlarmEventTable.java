package io.weir.cloud.internal.store;

import io.weir.cloud.internal.protocol.AlarmEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/** The history of alarm events, each (alarmId, alarmSeq) once. */
public final class AlarmEventTable {
    private static final String INSERT = "INSERT INTO alarm_event (alarm_id, alarm_seq, gateway_id, seq, transition, "
            + "level, value_json, threshold, ts, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT DO NOTHING";

    /** False when this (alarmId, alarmSeq) is already recorded. */
    public boolean insert(Connection c, AlarmRow row, Instant receivedAt) throws SQLException {
        AlarmEvent e = row.event();
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, e.alarmId());
            s.setInt(2, e.alarmSeq());
            s.setString(3, row.gatewayId());
            s.setLong(4, row.seq());
            s.setString(5, e.transition().name());
            s.setString(6, e.level().name());
            Sql.setText(s, 7, row.valueJson());
            Sql.setDouble(s, 8, e.threshold());
            Sql.setTime(s, 9, e.ts());
            s.setLong(10, receivedAt.toEpochMilli());
            return s.executeUpdate() == 1;
        }
    }
}
