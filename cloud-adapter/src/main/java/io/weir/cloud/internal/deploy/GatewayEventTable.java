package io.weir.cloud.internal.deploy;

import io.weir.cloud.deploy.StoredGatewayEvent;
import io.weir.cloud.internal.protocol.GatewayEventRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** gateway_event (migration V5): every gateway event once. */
public final class GatewayEventTable {

    void insert(Connection c, String gatewayId, long seq, int index, GatewayEventRecord event, String jobId,
                Instant now) throws SQLException {
        Rows.update(c, "INSERT INTO gateway_event (gateway_id, seq, event_index, type, source, ts, job_id, body_json, "
                + "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", gatewayId, seq, index,
                event.type(), event.source(), event.ts(), jobId, event.bodyJson(), now);
    }

    List<StoredGatewayEvent> latest(Connection c, String gatewayId, int limit) throws SQLException {
        return Rows.list(c, "SELECT * FROM gateway_event WHERE gateway_id = ? ORDER BY seq DESC, event_index DESC "
                + "LIMIT ?", r -> new StoredGatewayEvent(r.getString("gateway_id"), r.getLong("seq"),
                r.getInt("event_index"), r.getString("type"), r.getString("source"), Rows.time(r, "ts"),
                r.getString("job_id"), r.getString("body_json")), gatewayId, limit);
    }
}
