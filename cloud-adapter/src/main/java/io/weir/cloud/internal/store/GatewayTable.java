package io.weir.cloud.internal.store;

import io.weir.cloud.internal.protocol.Site;
import io.weir.cloud.internal.protocol.StateMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Gateway online state. A birth or clean death also counts as "seen"; the broker's last will does not, since the
 * gateway did not send it.
 */
public final class GatewayTable {
    private static final String BIRTH = "INSERT INTO gateway (gateway_id, online, state_reason, state_ts, "
            + "state_received_at, last_seen_at, station_code, site_name, latitude, longitude, runtime_json, "
            + "profiles_json) VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (gateway_id) DO UPDATE SET online = excluded.online, state_reason = NULL, "
            + "state_ts = excluded.state_ts, state_received_at = excluded.state_received_at, "
            + "last_seen_at = excluded.last_seen_at, station_code = excluded.station_code, "
            + "site_name = excluded.site_name, latitude = excluded.latitude, longitude = excluded.longitude, "
            + "runtime_json = excluded.runtime_json, profiles_json = excluded.profiles_json";
    private static final String OFFLINE = "INSERT INTO gateway (gateway_id, online, state_reason, state_ts, "
            + "state_received_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (gateway_id) DO UPDATE SET online = excluded.online, state_reason = excluded.state_reason, "
            + "state_ts = excluded.state_ts, state_received_at = excluded.state_received_at, "
            + "last_seen_at = COALESCE(excluded.last_seen_at, gateway.last_seen_at)";
    private static final String TOUCH = "INSERT INTO gateway (gateway_id, last_seen_at) VALUES (?, ?) "
            + "ON CONFLICT (gateway_id) DO UPDATE SET last_seen_at = excluded.last_seen_at";

    public void applyState(Connection c, StateMessage state, String profilesJson, Instant receivedAt)
            throws SQLException {
        if (state.online()) {
            birth(c, state, profilesJson, receivedAt);
        } else {
            offline(c, state, receivedAt);
        }
    }

    /** Marks the gateway as seen now (a telemetry or alarm message came from it). */
    public void touch(Connection c, String gatewayId, Instant receivedAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(TOUCH)) {
            s.setString(1, gatewayId);
            s.setLong(2, receivedAt.toEpochMilli());
            s.executeUpdate();
        }
    }

    private void birth(Connection c, StateMessage state, String profilesJson, Instant receivedAt) throws SQLException {
        Site site = state.site();
        try (PreparedStatement s = c.prepareStatement(BIRTH)) {
            s.setString(1, state.gatewayId());
            s.setBoolean(2, true);
            Sql.setTime(s, 3, state.ts());
            Sql.setTime(s, 4, receivedAt);
            Sql.setTime(s, 5, receivedAt);
            s.setString(6, site.stationCode());
            s.setString(7, site.name());
            Sql.setDouble(s, 8, site.latitude());
            Sql.setDouble(s, 9, site.longitude());
            Sql.setText(s, 10, state.runtimeJson());
            Sql.setText(s, 11, profilesJson);
            s.executeUpdate();
        }
    }

    private void offline(Connection c, StateMessage state, Instant receivedAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(OFFLINE)) {
            s.setString(1, state.gatewayId());
            s.setBoolean(2, false);
            s.setString(3, state.reason());
            Sql.setTime(s, 4, state.ts());
            Sql.setTime(s, 5, receivedAt);
            Sql.setTime(s, 6, state.sentByGateway() ? receivedAt : null);
            s.executeUpdate();
        }
    }
}
