package io.weir.sl651.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What this station reported, kept to answer a centre's period query (38H) after the reports themselves were
 * delivered and deleted: at every 5-minute boundary each element's value (and the interval's rain as PN05), one row
 * per element and boundary, in the same SQLite file as the outbox (its own connection, WAL, {@code synchronous=FULL}).
 * Rows older than the retention are pruned each time new ones are kept.
 */
final class StationHistory implements AutoCloseable {

    private final Connection db;
    private final Duration retention;

    StationHistory(Path file, Duration retention) throws SQLException {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("history retention must be positive, not " + retention);
        }
        this.retention = retention;
        db = StationDatabase.open(file);
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS history (element INTEGER NOT NULL, at INTEGER NOT NULL,"
                    + " value REAL NOT NULL, PRIMARY KEY (element, at)) WITHOUT ROWID");
        }
    }

    /** Keeps the values of one boundary (element identifier to value) and prunes what is older than the retention. */
    synchronized void keep(Instant at, Map<Integer, Double> values) throws SQLException {
        StationDatabase.transaction(db, () -> {
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT OR REPLACE INTO history (element, at, value) VALUES (?, ?, ?)");
                 PreparedStatement prune = db.prepareStatement("DELETE FROM history WHERE at < ?")) {
                for (Map.Entry<Integer, Double> e : values.entrySet()) {
                    insert.setInt(1, e.getKey());
                    insert.setLong(2, at.getEpochSecond());
                    insert.setDouble(3, e.getValue());
                    insert.executeUpdate();
                }
                prune.setLong(1, at.minus(retention).getEpochSecond());
                prune.executeUpdate();
            }
        });
    }

    /** The kept values of one element from {@code from} to {@code to}, both included. */
    synchronized NavigableMap<Instant, Double> between(int element, Instant from, Instant to) throws SQLException {
        var out = new TreeMap<Instant, Double>();
        try (PreparedStatement p = db.prepareStatement(
                "SELECT at, value FROM history WHERE element = ? AND at BETWEEN ? AND ? ORDER BY at")) {
            p.setInt(1, element);
            p.setLong(2, from.getEpochSecond());
            p.setLong(3, to.getEpochSecond());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.put(Instant.ofEpochSecond(r.getLong(1)), r.getDouble(2));
                }
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // closing anyway
        }
    }
}
