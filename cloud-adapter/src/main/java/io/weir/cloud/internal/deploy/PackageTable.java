package io.weir.cloud.internal.deploy;

import io.weir.cloud.deploy.DeploymentPackageInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** deploy_package (migration V5). */
final class PackageTable {

    /** Inserts the package; false when (name, version) is already registered. */
    boolean insert(Connection c, DeploymentPackageInfo p) throws SQLException {
        return Rows.update(c, "INSERT INTO deploy_package (name, version, url, sha256, size_bytes, registered_at) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", p.name(), p.version(), p.url(), p.sha256(),
                Rows.bigint(p.sizeBytes()), p.registeredAt()) == 1;
    }

    Optional<DeploymentPackageInfo> find(Connection c, String name, String version) throws SQLException {
        return Rows.list(c, "SELECT * FROM deploy_package WHERE name = ? AND version = ?", PackageTable::info, name,
                version).stream().findFirst();
    }

    List<DeploymentPackageInfo> all(Connection c) throws SQLException {
        return Rows.list(c, "SELECT * FROM deploy_package ORDER BY name, registered_at DESC", PackageTable::info);
    }

    private static DeploymentPackageInfo info(java.sql.ResultSet r) throws SQLException {
        return new DeploymentPackageInfo(r.getString("name"), r.getString("version"), r.getString("url"),
                r.getString("sha256"), Rows.nullableLong(r, "size_bytes"), Rows.time(r, "registered_at"));
    }
}
