package io.weir.cloud.internal.store;

import io.weir.cloud.query.AlarmStatus;
import io.weir.cloud.query.CaseDeliveryStatus;
import io.weir.cloud.query.CaseRequest;
import io.weir.cloud.query.CloudQueries;
import io.weir.cloud.query.DeadLetter;
import io.weir.cloud.query.GatewayStatus;
import io.weir.cloud.query.StoredAlarmEvent;
import io.weir.cloud.query.StoredReading;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link CloudQueries} over JDBC. */
public final class JdbcQueries implements CloudQueries {

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet r) throws SQLException;
    }

    private final Transactor transactor;

    public JdbcQueries(Transactor transactor) {
        this.transactor = transactor;
    }

    @Override
    public Optional<GatewayStatus> gateway(String gatewayId) {
        return list("SELECT * FROM gateway WHERE gateway_id = ?", JdbcQueries::gatewayStatus, gatewayId)
                .stream().findFirst();
    }

    @Override
    public List<StoredReading> readings(String gatewayId) {
        return list("SELECT * FROM telemetry WHERE gateway_id = ? ORDER BY ts, seq, reading_index",
                JdbcQueries::reading, gatewayId);
    }

    @Override
    public List<StoredReading> latestReadings() {
        return list("SELECT * FROM latest_reading ORDER BY channel", JdbcQueries::reading);
    }

    @Override
    public long readingCount() {
        return list("SELECT COUNT(*) AS n FROM telemetry", r -> r.getLong("n")).get(0);
    }

    @Override
    public Optional<AlarmStatus> alarm(String alarmId) {
        return list("SELECT * FROM alarm WHERE alarm_id = ?", JdbcQueries::alarmStatus, alarmId).stream().findFirst();
    }

    @Override
    public List<StoredAlarmEvent> alarmEvents(String alarmId) {
        return list("SELECT * FROM alarm_event WHERE alarm_id = ? ORDER BY alarm_seq", r -> new StoredAlarmEvent(
                r.getString("alarm_id"), r.getInt("alarm_seq"), r.getLong("seq"), r.getString("transition"),
                r.getString("level"), Sql.time(r, "ts")), alarmId);
    }

    @Override
    public List<CaseRequest> caseRequests() {
        return list("SELECT * FROM case_outbox ORDER BY created_at, alarm_id", JdbcQueries::caseRequest);
    }

    @Override
    public Optional<CaseRequest> caseRequest(String alarmId) {
        return list("SELECT * FROM case_outbox WHERE alarm_id = ?", JdbcQueries::caseRequest, alarmId)
                .stream().findFirst();
    }

    @Override
    public List<DeadLetter> deadLetters() {
        return list("SELECT * FROM dead_letter ORDER BY received_at, id", r -> new DeadLetter(r.getString("id"),
                Sql.time(r, "received_at"), r.getString("topic"), r.getString("reason"), r.getString("payload"),
                r.getString("payload_encoding"), nullableLong(r, "payload_bytes"), r.getString("payload_sha256"),
                r.getBoolean("truncated")));
    }

    private static Long nullableLong(ResultSet r, String column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
    }

    private <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        return transactor.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    s.setObject(i + 1, params[i]);
                }
                List<T> rows = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.add(mapper.map(r));
                    }
                }
                return rows;
            }
        });
    }

    private static GatewayStatus gatewayStatus(ResultSet r) throws SQLException {
        return new GatewayStatus(r.getString("gateway_id"), Sql.nullableBoolean(r, "online"),
                r.getString("state_reason"), Sql.time(r, "state_ts"), Sql.time(r, "state_received_at"),
                Sql.time(r, "last_seen_at"), r.getString("station_code"), r.getString("site_name"),
                Sql.nullableDouble(r, "latitude"), Sql.nullableDouble(r, "longitude"));
    }

    private static StoredReading reading(ResultSet r) throws SQLException {
        Object value = Sql.nullableDouble(r, "value_num");
        if (value == null) {
            value = Sql.nullableBoolean(r, "value_bool");
        }
        if (value == null) {
            value = r.getString("value_text");
        }
        return new StoredReading(r.getString("gateway_id"), r.getLong("seq"), r.getInt("reading_index"),
                r.getString("channel"), Sql.time(r, "ts"), value, r.getString("unit"), r.getString("quality"),
                r.getString("reason"));
    }

    private static AlarmStatus alarmStatus(ResultSet r) throws SQLException {
        return new AlarmStatus(r.getString("alarm_id"), r.getString("gateway_id"), r.getString("rule_id"),
                r.getString("level"), r.getString("last_transition"), r.getInt("last_alarm_seq"),
                Sql.time(r, "updated_at"), Sql.time(r, "raised_at"), Sql.time(r, "cleared_at"),
                Sql.time(r, "acknowledged_at"));
    }

    private static CaseRequest caseRequest(ResultSet r) throws SQLException {
        return new CaseRequest(r.getString("alarm_id"), r.getString("gateway_id"),
                CaseDeliveryStatus.valueOf(r.getString("status")), r.getInt("attempts"),
                Sql.time(r, "next_attempt_at"), r.getString("last_error"), r.getString("case_id"),
                r.getString("request_json"));
    }
}
