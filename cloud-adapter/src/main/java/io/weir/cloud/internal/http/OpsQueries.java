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

    /** The newest reading of every channel, grouped by station in the dashboard. */
    List<Map<String, Object>> latestReadings() {
        return rows("SELECT t.gateway_id, t.channel, t.ts, t.value_num, t.value_bool, t.value_text, t.unit, "
                + "t.quality, t.reason FROM telemetry t JOIN (SELECT channel, MAX(ts) AS ts FROM telemetry "
                + "GROUP BY channel) m ON t.channel = m.channel AND t.ts = m.ts ORDER BY t.channel");
    }

    List<Map<String, Object>> openAlarms() {
        return rows("SELECT alarm_id, gateway_id, rule_id, level, last_transition, site_name, raised_at, updated_at "
                + "FROM alarm WHERE cleared_at IS NULL ORDER BY raised_at DESC, alarm_id");
    }

    List<Map<String, Object>> cases() {
        return rows("SELECT alarm_id, gateway_id, status AS delivery, case_id, case_status, attempts, last_error, "
                + "created_at FROM case_outbox ORDER BY created_at DESC, alarm_id");
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
