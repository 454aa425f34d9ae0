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

    /**
     * A warning for each of {@code gatewayIds} that is not registered (a rollout to the group would be refused) or was
     * never seen (no message from it, not even quarantined: often a typo).
     */
    List<String> strangers(Connection c, List<String> gatewayIds, java.util.Set<String> registered)
            throws SQLException {
        List<String> warnings = new ArrayList<>();
        for (String id : gatewayIds) {
            boolean seen = !Rows.list(c, "SELECT 1 FROM gateway WHERE gateway_id = ? UNION ALL "
                    + "SELECT 1 FROM unknown_gateway WHERE gateway_id = ?", r -> 1, id, id).isEmpty();
            if (!registered.contains(id)) {
                warnings.add(id + " is not registered" + (seen ? " (its messages are quarantined)"
                        : " and was never seen: a typo?") + "; rollouts to this group are refused until it is "
                        + "registered (PUT /api/v1/ops/registry/" + id + ")");
            } else if (!seen) {
                warnings.add(id + " is registered but has never been seen");
            }
        }
        return warnings;
    }

    List<String> members(Connection c, String group) throws SQLException {
        return Rows.list(c, "SELECT gateway_id FROM gateway_group WHERE group_name = ? ORDER BY position",
                r -> r.getString(1), group);
    }
}
