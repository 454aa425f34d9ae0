package io.weir.sl651.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

/**
 * The reports this gateway (as a station) owes each hydrology centre, kept until that centre acknowledged them: a
 * centre that was unreachable gets them later, oldest first, also after a restart. SQLite in WAL mode with
 * {@code synchronous=FULL}, in the bundle's own data directory: the gateway's store is the uplink's single drain,
 * while up to four centres here each confirm on their own. Also keeps the station's serial number (流水号).
 */
final class ReportOutbox implements AutoCloseable {

    /** A report waiting for one centre. */
    record Entry(long id, int centre, int function, byte[] body) {
    }

    private final Connection db;

    ReportOutbox(Path file) throws SQLException {
        db = StationDatabase.open(file);
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS report (id INTEGER PRIMARY KEY AUTOINCREMENT, centre INTEGER NOT NULL,"
                    + " function INTEGER NOT NULL, body BLOB NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS report_centre ON report (centre, id)");
            s.execute("CREATE TABLE IF NOT EXISTS serial (k INTEGER PRIMARY KEY CHECK (k = 0), next INTEGER NOT NULL)");
            s.execute("INSERT OR IGNORE INTO serial (k, next) VALUES (0, 1)");
        }
    }

    /** The next serial number (1..65535, then 1 again), durably counted. */
    synchronized int nextSerial() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT next FROM serial WHERE k = 0")) {
            int serial = r.getInt(1);
            s.executeUpdate("UPDATE serial SET next = " + (serial % 65535 + 1) + " WHERE k = 0");
            return serial;
        }
    }

    /** Keeps one report for each centre, as that centre's body; durable when this returns. */
    synchronized void enqueue(Map<Integer, byte[]> bodies, int function) throws SQLException {
        StationDatabase.transaction(db, () -> {
            try (PreparedStatement p = db.prepareStatement(
                    "INSERT INTO report (centre, function, body) VALUES (?, ?, ?)")) {
                for (Map.Entry<Integer, byte[]> e : bodies.entrySet()) {
                    p.setInt(1, e.getKey());
                    p.setInt(2, function);
                    p.setBytes(3, e.getValue());
                    p.executeUpdate();
                }
            }
        });
    }

    synchronized Optional<Entry> oldest(int centre) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(
                "SELECT id, function, body FROM report WHERE centre = ? ORDER BY id LIMIT 1")) {
            p.setInt(1, centre);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(new Entry(r.getLong(1), centre, r.getInt(2), r.getBytes(3)))
                        : Optional.empty();
            }
        }
    }

    synchronized void delivered(long id) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("DELETE FROM report WHERE id = ?")) {
            p.setLong(1, id);
            p.executeUpdate();
        }
    }

    synchronized int waiting(int centre) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT count(*) FROM report WHERE centre = ?")) {
            p.setInt(1, centre);
            try (ResultSet r = p.executeQuery()) {
                return r.getInt(1);
            }
        }
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
