package io.weir.cloud.internal.deploy;

import io.weir.cloud.deploy.DeploymentPackageInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** deploy_package (migrations V5, V8). */
final class PackageTable {

    /** Inserts the package with the bundles its manifest names; false when (name, version) is already registered. */
    boolean insert(Connection c, DeploymentPackageInfo p, Map<String, String> bundles) throws SQLException {
        return Rows.update(c, "INSERT INTO deploy_package (name, version, url, sha256, size_bytes, registered_at, "
                + "bundles_json) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", p.name(), p.version(), p.url(),
                p.sha256(), Rows.bigint(p.sizeBytes()), p.registeredAt(), InventoryJson.write(bundles)) == 1;
    }

    Optional<DeploymentPackageInfo> find(Connection c, String name, String version) throws SQLException {
        return Rows.list(c, "SELECT * FROM deploy_package WHERE name = ? AND version = ?", PackageTable::info, name,
                version).stream().findFirst();
    }

    /** The bundles the package's manifest names (empty for packages registered before V8). */
    Map<String, String> bundles(Connection c, String name, String version) throws SQLException {
        return Rows.list(c, "SELECT bundles_json FROM deploy_package WHERE name = ? AND version = ?",
                r -> InventoryJson.read(r.getString(1)), name, version).stream().findFirst().orElse(Map.of());
    }

    List<DeploymentPackageInfo> all(Connection c) throws SQLException {
        return Rows.list(c, "SELECT * FROM deploy_package ORDER BY name, registered_at DESC", PackageTable::info);
    }

    boolean delete(Connection c, String name, String version) throws SQLException {
        return Rows.update(c, "DELETE FROM deploy_package WHERE name = ? AND version = ?", name, version) == 1;
    }

    private static DeploymentPackageInfo info(java.sql.ResultSet r) throws SQLException {
        return new DeploymentPackageInfo(r.getString("name"), r.getString("version"), r.getString("url"),
                r.getString("sha256"), Rows.nullableLong(r, "size_bytes"), Rows.time(r, "registered_at"));
    }
}
