package io.weir.cloud.internal.http;

import io.weir.cloud.internal.store.Transactor;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The operations view's reads, as rows of named columns ready for JSON and the dashboard. */
final class OpsQueries {
    private final Transactor transactor;

    OpsQueries(Transactor transactor) {
        this.transactor = transactor;
    }

    List<Map<String, Object>> gateways() {
        return rows("SELECT gateway_id, online, state_reason, last_seen_at, station_code, site_name, runtime_json, "
                + "profiles_json FROM gateway ORDER BY gateway_id");
    }

    /** The newest reading of every channel (kept by ingest in latest_reading: no telemetry scan). */
    List<Map<String, Object>> latestReadings() {
        return rows("SELECT gateway_id, channel, ts, value_num, value_bool, value_text, unit, quality, reason, "
                + "decimals FROM latest_reading ORDER BY channel");
    }

    List<Map<String, Object>> openAlarms() {
        return rows("SELECT alarm_id, gateway_id, rule_id, level, last_transition, site_name, raised_at, updated_at "
                + "FROM alarm WHERE cleared_at IS NULL ORDER BY raised_at DESC, alarm_id");
    }

    /** Cases with how many of their follow-ups are sent, pending and failed. */
    List<Map<String, Object>> cases() {
        return rows("SELECT o.alarm_id, o.gateway_id, o.status AS delivery, o.case_id, o.case_status, o.attempts, "
                + "o.last_error, o.created_at, "
                + "(SELECT COUNT(*) FROM case_followup f WHERE f.alarm_id = o.alarm_id AND f.status = 'SENT') "
                + "AS followups_sent, "
                + "(SELECT COUNT(*) FROM case_followup f WHERE f.alarm_id = o.alarm_id AND f.status = 'PENDING') "
                + "AS followups_pending, "
                + "(SELECT COUNT(*) FROM case_followup f WHERE f.alarm_id = o.alarm_id AND f.status = 'FAILED') "
                + "AS followups_failed "
                + "FROM case_outbox o ORDER BY o.created_at DESC, o.alarm_id");
    }

    /** Every follow-up (update, note, close request) with its status and, for a failed one, why. */
    List<Map<String, Object>> followUps() {
        return rows("SELECT alarm_id, alarm_seq, step, kind, status, attempts, last_error, created_at, completed_at "
                + "FROM case_followup ORDER BY created_at DESC, alarm_id, alarm_seq, step");
    }

    /** Follow-ups that are not (yet) at the platform: pending or failed. */
    List<Map<String, Object>> undeliveredFollowUps() {
        return rows("SELECT alarm_id, alarm_seq, kind, status, attempts, last_error FROM case_followup "
                + "WHERE status IN ('PENDING', 'FAILED') ORDER BY created_at DESC, alarm_id, alarm_seq, step "
                + "LIMIT 200");
    }

    private List<Map<String, Object>> rows(String sql) {
        return transactor.read(c -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            try (var s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
                ResultSetMetaData meta = r.getMetaData();
                while (r.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(camel(meta.getColumnLabel(i)), value(r, i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        });
    }

    private static Object value(ResultSet r, int i) throws SQLException {
        Object v = r.getObject(i);
        // SQLite answers 0/1 for BOOLEAN columns
        if (v instanceof Integer n && r.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT).equals("online")) {
            return n != 0;
        }
        return v;
    }

    private static String camel(String column) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char ch : column.toLowerCase(Locale.ROOT).toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return out.toString();
    }
}
