package io.weir.store.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.sqlite.SQLiteConfig;

import io.weir.api.store.MessageClass;
import io.weir.api.store.MessageStore;
import io.weir.api.store.StoreStats;
import io.weir.api.store.StoredMessage;

/**
 * The outbox on one SQLite file in WAL mode with {@code synchronous=FULL}: a commit is on disk when it returns.
 * Records wait with no message sequence (STORED); {@link #take} numbers the oldest ones into a message and marks
 * them (IN_FLIGHT) in the same commit; {@link #confirm} deletes them. All state that matters is in the file; the
 * in-memory queues only remember which in-flight messages this run has already handed out.
 */
public final class SqliteOutbox implements MessageStore, AutoCloseable {

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS record (
              id      INTEGER PRIMARY KEY AUTOINCREMENT,
              class   INTEGER NOT NULL,
              body    TEXT    NOT NULL,
              msg_seq INTEGER);
            CREATE INDEX IF NOT EXISTS record_stored ON record(class, id) WHERE msg_seq IS NULL;
            CREATE INDEX IF NOT EXISTS record_in_flight ON record(msg_seq) WHERE msg_seq IS NOT NULL;
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
            INSERT OR IGNORE INTO meta(key, value) VALUES ('last_seq', 0);
            """;

    private final GroupCommitWriter writer;
    // Only touched on the writer thread.
    private final Map<MessageClass, TreeSet<Long>> toResend = new EnumMap<>(MessageClass.class);
    private final Map<Long, MessageClass> inFlight = new HashMap<>();
    private final Set<Long> handedOut = new HashSet<>();
    private long lastSeq;
    private long confirmed;

    private SqliteOutbox(Connection connection) throws SQLException {
        for (MessageClass c : MessageClass.values()) {
            toResend.put(c, new TreeSet<>());
        }
        try (Statement s = connection.createStatement()) {
            for (String sql : SCHEMA.split(";")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
        }
        loadState(connection);
        this.writer = new GroupCommitWriter(connection, 512, "weir-store-writer");
    }

    /** Opens (creating if needed) the store at {@code file}. */
    public static SqliteOutbox open(Path file) throws SQLException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create the store directory for " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        return new SqliteOutbox(config.createConnection("jdbc:sqlite:" + file.toAbsolutePath()));
    }

    private void loadState(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'last_seq'")) {
                rs.next();
                lastSeq = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT msg_seq, MIN(class) FROM record WHERE msg_seq IS NOT NULL "
                    + "GROUP BY msg_seq ORDER BY msg_seq")) {
                while (rs.next()) {
                    MessageClass cls = MessageClass.values()[rs.getInt(2)];
                    inFlight.put(rs.getLong(1), cls);
                    toResend.get(cls).add(rs.getLong(1));
                }
            }
        }
    }

    /** Appends records of one class; returns once they are durable. */
    public void append(MessageClass cls, Collection<String> bodies) {
        if (bodies.isEmpty()) {
            return;
        }
        await(writer.submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO record(class, body) VALUES (?, ?)")) {
                for (String body : bodies) {
                    ps.setInt(1, cls.ordinal());
                    ps.setString(2, body);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        }));
    }

    @Override
    public Optional<StoredMessage> take(int maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1, was " + maxRecords);
        }
        return await(writer.submit(c -> {
            for (MessageClass cls : MessageClass.values()) {
                for (Long resend = toResend.get(cls).pollFirst(); resend != null;
                        resend = toResend.get(cls).pollFirst()) {
                    List<String> bodies = bodiesOf(c, resend);
                    if (!bodies.isEmpty()) {
                        handedOut.add(resend);
                        return Optional.of(new StoredMessage(resend, cls, bodies));
                    }
                    inFlight.remove(resend); // confirmed meanwhile: nothing left to send
                }
                Optional<StoredMessage> fresh = formMessage(c, cls, maxRecords);
                if (fresh.isPresent()) {
                    return fresh;
                }
            }
            return Optional.<StoredMessage>empty();
        }));
    }

    private static List<String> bodiesOf(Connection c, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT body FROM record WHERE msg_seq = ? ORDER BY id")) {
            ps.setLong(1, seq);
            var bodies = new ArrayList<String>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bodies.add(rs.getString(1));
                }
            }
            return bodies;
        }
    }

    private Optional<StoredMessage> formMessage(Connection c, MessageClass cls, int maxRecords) throws SQLException {
        var bodies = new ArrayList<String>();
        long lastId = -1;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, body FROM record WHERE class = ? AND msg_seq IS NULL ORDER BY id LIMIT ?")) {
            ps.setInt(1, cls.ordinal());
            ps.setInt(2, maxRecords);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lastId = rs.getLong(1);
                    bodies.add(rs.getString(2));
                }
            }
        }
        if (bodies.isEmpty()) {
            return Optional.empty();
        }
        long seq = lastSeq + 1;
        // All writes happen on this thread, so the rows selected are exactly the stored ones up to lastId.
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE record SET msg_seq = ? WHERE class = ? AND msg_seq IS NULL AND id <= ?")) {
            ps.setLong(1, seq);
            ps.setInt(2, cls.ordinal());
            ps.setLong(3, lastId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE meta SET value = ? WHERE key = 'last_seq'")) {
            ps.setLong(1, seq);
            ps.executeUpdate();
        }
        lastSeq = seq;
        inFlight.put(seq, cls);
        handedOut.add(seq);
        return Optional.of(new StoredMessage(seq, cls, bodies));
    }

    @Override
    public void confirm(long seq) {
        await(writer.submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM record WHERE msg_seq = ?")) {
                ps.setLong(1, seq);
                ps.executeUpdate();
            }
            MessageClass cls = inFlight.remove(seq);
            if (cls != null) {
                toResend.get(cls).remove(seq);
                confirmed++;
            }
            handedOut.remove(seq);
            return null;
        }));
    }

    @Override
    public void release(long seq) {
        await(writer.submit(c -> {
            MessageClass cls = inFlight.get(seq);
            if (cls != null && handedOut.remove(seq)) {
                // Resent before anything not yet numbered, in sequence order.
                toResend.get(cls).add(seq);
            }
            return null;
        }));
    }

    @Override
    public StoreStats stats() {
        return await(writer.submit(c -> {
            long alarms = 0;
            long telemetry = 0;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT class, COUNT(*) FROM record WHERE msg_seq IS NULL GROUP BY class")) {
                while (rs.next()) {
                    if (rs.getInt(1) == MessageClass.ALARM.ordinal()) {
                        alarms = rs.getLong(2);
                    } else {
                        telemetry = rs.getLong(2);
                    }
                }
            }
            return new StoreStats(alarms, telemetry, inFlight.size(), confirmed, lastSeq);
        }));
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the store", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new StoreException("store operation failed: " + cause.getMessage(), cause);
        }
    }

    @Override
    public void close() throws SQLException {
        writer.close();
    }
}
