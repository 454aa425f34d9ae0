package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL, makes {@code telemetry} a table range-partitioned by reading time ({@code ts}, epoch ms): one
 * partition per month (created ahead of time by the adapter, see {@code TelemetryPartitions}) plus a default
 * partition for readings outside them. Old months can then be detached or dropped whole instead of deleted row by
 * row, and time-range queries touch only their months. A partitioned table's primary key must contain the
 * partition key, so it becomes (gateway_id, seq, reading_index, ts); the duplicate filter is received_message
 * anyway. SQLite keeps the V1 table: this migration does nothing there.
 */
public class V2__partition_telemetry_on_postgresql extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE telemetry RENAME TO telemetry_v1");
            s.execute("CREATE TABLE telemetry (LIKE telemetry_v1 INCLUDING DEFAULTS) PARTITION BY RANGE (ts)");
            s.execute("CREATE TABLE telemetry_default PARTITION OF telemetry DEFAULT");
            s.execute("INSERT INTO telemetry SELECT * FROM telemetry_v1");
            s.execute("DROP TABLE telemetry_v1");
            s.execute("ALTER TABLE telemetry ADD PRIMARY KEY (gateway_id, seq, reading_index, ts)");
            s.execute("CREATE INDEX telemetry_channel_ts ON telemetry (channel, ts)");
        }
    }
}
