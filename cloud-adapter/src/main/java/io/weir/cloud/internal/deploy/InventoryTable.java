package io.weir.cloud.internal.deploy;

import io.weir.cloud.internal.protocol.DeployInventory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * gateway_inventory (migration V8): what each gateway last reported it runs. A state message replaces the row; a
 * deploy event between two state messages changes one package. Each is applied only when it is newer, by the
 * gateway's own clock, than what the row holds, so a late or repeated report never undoes a newer one.
 */
final class InventoryTable {

    /** A row. {@code stateTs} null: only events so far. */
    record Row(String gatewayId, Map<String, String> packages, Instant packagesTs, Map<String, String> bundles,
               String configDigest, Instant stateTs, Instant updatedAt) {
    }

    /** A birth's inventory at the gateway's time {@code ts}; false when the row holds something newer. */
    boolean applyState(Connection c, String gatewayId, Instant ts, DeployInventory inventory, Instant now)
            throws SQLException {
        return Rows.update(c, "INSERT INTO gateway_inventory (gateway_id, packages_json, packages_ts, bundles_json, "
                + "config_digest, state_ts, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (gateway_id) DO "
                + "UPDATE SET packages_json = excluded.packages_json, packages_ts = excluded.packages_ts, "
                + "bundles_json = excluded.bundles_json, config_digest = excluded.config_digest, "
                + "state_ts = excluded.state_ts, updated_at = excluded.updated_at "
                + "WHERE gateway_inventory.packages_ts <= excluded.packages_ts", gatewayId,
                InventoryJson.write(inventory.packages()), ts, InventoryJson.write(inventory.bundles()),
                inventory.siteSha256(), ts, now) == 1;
    }

    /**
     * A deploy event at the gateway's time {@code ts}: package {@code name} is now at {@code version} (null: gone).
     * Only on top of a state message already taken, and only when newer than what the row says.
     */
    boolean applyEvent(Connection c, String gatewayId, Instant ts, String name, String version, Instant now)
            throws SQLException {
        Optional<Row> row = find(c, gatewayId);
        if (row.isEmpty() || row.get().packagesTs().isAfter(ts)) {
            return false;
        }
        Map<String, String> packages = new TreeMap<>(row.get().packages());
        if (version == null) {
            packages.remove(name);
        } else {
            packages.put(name, version);
        }
        return Rows.update(c, "UPDATE gateway_inventory SET packages_json = ?, packages_ts = ?, updated_at = ? "
                + "WHERE gateway_id = ? AND packages_ts = ?", InventoryJson.write(packages), ts, now, gatewayId,
                row.get().packagesTs()) == 1;
    }

    Optional<Row> find(Connection c, String gatewayId) throws SQLException {
        return Rows.list(c, "SELECT * FROM gateway_inventory WHERE gateway_id = ?", InventoryTable::row, gatewayId)
                .stream().findFirst();
    }

    List<Row> all(Connection c) throws SQLException {
        return Rows.list(c, "SELECT * FROM gateway_inventory ORDER BY gateway_id", InventoryTable::row);
    }

    private static Row row(ResultSet r) throws SQLException {
        return new Row(r.getString("gateway_id"), InventoryJson.read(r.getString("packages_json")),
                Rows.time(r, "packages_ts"), InventoryJson.read(r.getString("bundles_json")),
                r.getString("config_digest"), Rows.time(r, "state_ts"), Rows.time(r, "updated_at"));
    }
}
