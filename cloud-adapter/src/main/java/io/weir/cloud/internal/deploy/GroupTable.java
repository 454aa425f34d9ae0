package io.weir.cloud.internal.deploy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** gateway_group (migration V5): members in the order operations gave them, which is the canary order. */
final class GroupTable {

    void replace(Connection c, String group, List<String> gatewayIds) throws SQLException {
        Rows.update(c, "DELETE FROM gateway_group WHERE group_name = ?", group);
        for (int i = 0; i < gatewayIds.size(); i++) {
            Rows.update(c, "INSERT INTO gateway_group (group_name, gateway_id, position) VALUES (?, ?, ?)", group,
                    gatewayIds.get(i), i);
        }
    }

    Map<String, List<String>> all(Connection c) throws SQLException {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String[] row : Rows.list(c, "SELECT group_name, gateway_id FROM gateway_group "
                + "ORDER BY group_name, position", r -> new String[] {r.getString(1), r.getString(2)})) {
            groups.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]);
        }
        return groups;
    }

    List<String> members(Connection c, String group) throws SQLException {
        return Rows.list(c, "SELECT gateway_id FROM gateway_group WHERE group_name = ? ORDER BY position",
                r -> r.getString(1), group);
    }
}
