package io.weir.cloud.internal.store;

import io.weir.cloud.internal.protocol.AlarmEvent;
import io.weir.cloud.internal.protocol.Site;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The current state of each alarm. The conditional upsert lets only an event with a higher alarmSeq overwrite
 * the state, so any arrival order ends on the state of the last event; milestones (raised, cleared,
 * acknowledged) are stamped by their own events in any order.
 */
public final class AlarmTable {
    private static final String UPSERT = "INSERT INTO alarm (alarm_id, gateway_id, rule_id, channels_json, level, "
            + "last_transition, last_alarm_seq, value_json, threshold, alarm_window, station_code, site_name, "
            + "latitude, longitude, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (alarm_id) DO UPDATE SET rule_id = excluded.rule_id, "
            + "channels_json = excluded.channels_json, level = excluded.level, "
            + "last_transition = excluded.last_transition, last_alarm_seq = excluded.last_alarm_seq, "
            + "value_json = excluded.value_json, threshold = excluded.threshold, "
            + "alarm_window = excluded.alarm_window, station_code = excluded.station_code, "
            + "site_name = excluded.site_name, latitude = excluded.latitude, longitude = excluded.longitude, "
            + "updated_at = excluded.updated_at "
            + "WHERE alarm.last_alarm_seq < excluded.last_alarm_seq";

    public void apply(Connection c, AlarmRow row) throws SQLException {
        AlarmEvent e = row.event();
        Site site = e.site();
        try (PreparedStatement s = c.prepareStatement(UPSERT)) {
            s.setString(1, e.alarmId());
            s.setString(2, row.gatewayId());
            s.setString(3, e.ruleId());
            s.setString(4, row.channelsJson());
            s.setString(5, e.level().name());
            s.setString(6, e.transition().name());
            s.setInt(7, e.alarmSeq());
            Sql.setText(s, 8, row.valueJson());
            Sql.setDouble(s, 9, e.threshold());
            Sql.setText(s, 10, e.window());
            s.setString(11, site.stationCode());
            s.setString(12, site.name());
            Sql.setDouble(s, 13, site.latitude());
            Sql.setDouble(s, 14, site.longitude());
            Sql.setTime(s, 15, e.ts());
            s.executeUpdate();
        }
        String milestone = switch (e.transition()) {
            case RAISED -> "raised_at";
            case CLEARED -> "cleared_at";
            case ACKNOWLEDGED -> "acknowledged_at";
            case ESCALATED, DEESCALATED -> null;
        };
        if (milestone != null) {
            stamp(c, milestone, e);
        }
    }

    private static void stamp(Connection c, String column, AlarmEvent e) throws SQLException {
        String sql = "UPDATE alarm SET " + column + " = ? WHERE alarm_id = ? AND " + column + " IS NULL";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            Sql.setTime(s, 1, e.ts());
            s.setString(2, e.alarmId());
            s.executeUpdate();
        }
    }
}
