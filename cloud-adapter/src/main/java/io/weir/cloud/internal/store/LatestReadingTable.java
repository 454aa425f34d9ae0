package io.weir.cloud.internal.store;

import io.weir.cloud.internal.protocol.Reading;
import io.weir.cloud.internal.protocol.TelemetryMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The newest reading of every channel (migration V4), so the operations view never scans telemetry. A reading
 * replaces the stored one only when it is newer: by ts, then by message seq, then by position in the message.
 */
public final class LatestReadingTable {
    private static final String UPSERT = "INSERT INTO latest_reading (channel, gateway_id, seq, reading_index, ts, "
            + "value_num, value_bool, value_text, unit, quality, reason, decimals) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (channel) DO UPDATE SET gateway_id = excluded.gateway_id, seq = excluded.seq, "
            + "reading_index = excluded.reading_index, ts = excluded.ts, value_num = excluded.value_num, "
            + "value_bool = excluded.value_bool, value_text = excluded.value_text, unit = excluded.unit, "
            + "quality = excluded.quality, reason = excluded.reason, decimals = excluded.decimals "
            + "WHERE excluded.ts > latest_reading.ts OR (excluded.ts = latest_reading.ts AND (excluded.seq > "
            + "latest_reading.seq OR (excluded.seq = latest_reading.seq "
            + "AND excluded.reading_index >= latest_reading.reading_index)))";

    /** One transaction's newest reading per channel, collected before the upsert. */
    public static final class Newest {
        private record Candidate(String gatewayId, long seq, int index, Reading reading) {
            boolean newerThan(Candidate other) {
                int byTime = reading.ts().compareTo(other.reading.ts());
                if (byTime != 0) {
                    return byTime > 0;
                }
                return seq != other.seq ? seq > other.seq : index > other.index;
            }
        }

        // sorted by channel, so concurrent instances lock the rows in the same order and never deadlock
        private final Map<String, Candidate> byChannel = new TreeMap<>();

        public void add(TelemetryMessage message) {
            List<Reading> readings = message.readings();
            for (int i = 0; i < readings.size(); i++) {
                Candidate c = new Candidate(message.gatewayId(), message.seq(), i, readings.get(i));
                byChannel.merge(readings.get(i).channel(), c, (old, now) -> now.newerThan(old) ? now : old);
            }
        }

        public boolean isEmpty() {
            return byChannel.isEmpty();
        }

        public void clear() {
            byChannel.clear();
        }
    }

    /**
     * Upserts the collected readings, one row per channel: a JDBC batch never names a channel twice, so
     * PostgreSQL's rewritten multi-row upsert never touches a row twice.
     */
    public void upsert(Connection c, Newest newest) throws SQLException {
        if (newest.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(UPSERT)) {
            for (Newest.Candidate candidate : newest.byChannel.values()) {
                Reading r = candidate.reading();
                s.setString(1, r.channel());
                s.setString(2, candidate.gatewayId());
                s.setLong(3, candidate.seq());
                s.setInt(4, candidate.index());
                Sql.setTime(s, 5, r.ts());
                Sql.setDouble(s, 6, r.value() instanceof Double d ? d : null);
                Sql.setBoolean(s, 7, r.value() instanceof Boolean b ? b : null);
                Sql.setText(s, 8, r.value() instanceof String t ? t : null);
                Sql.setText(s, 9, r.unit());
                s.setString(10, r.quality().name());
                Sql.setText(s, 11, r.reason() == null ? null : r.reason().name());
                if (r.decimals() == null) {
                    s.setNull(12, java.sql.Types.INTEGER);
                } else {
                    s.setInt(12, r.decimals());
                }
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
