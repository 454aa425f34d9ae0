package io.weir.store.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Clock;
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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

import io.weir.api.store.MessageClass;
import io.weir.api.store.MessageStore;
import io.weir.api.store.StoreStats;
import io.weir.api.store.StoredMessage;

/**
 * The outbox on one SQLite file in WAL mode with {@code synchronous=FULL}: a commit is on disk when it returns.
 * Records wait with no message sequence (STORED); {@link #take} numbers the oldest ones into a message and marks
 * them (IN_FLIGHT) in the same commit; {@link #confirm} deletes them. Telemetry is bounded in bytes: an append that
 * would pass the cap first evicts the oldest STORED readings and folds the count into one pending EVENT record.
 * Byte totals live in the meta table, changed in the same transaction as the rows they count. All state that
 * matters is in the file; the in-memory queues only remember which in-flight messages this run has handed out.
 */
public final class SqliteOutbox implements MessageStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteOutbox.class);

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS record (
              id      INTEGER PRIMARY KEY AUTOINCREMENT,
              class   INTEGER NOT NULL,
              body    TEXT    NOT NULL,
              msg_seq INTEGER);
            CREATE INDEX IF NOT EXISTS record_stored ON record(class, id) WHERE msg_seq IS NULL;
            CREATE INDEX IF NOT EXISTS record_in_flight ON record(msg_seq) WHERE msg_seq IS NOT NULL;
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
            INSERT OR IGNORE INTO meta(key, value) VALUES ('last_seq', 0)
            """;

    /** Drain order; the class codes written in the file are {@link #code} and never change. */
    private static final List<MessageClass> DRAIN_ORDER =
            List.of(MessageClass.ALARM, MessageClass.EVENT, MessageClass.TELEMETRY);
    private static final int SQLITE_FULL = 13;
    /** Free pages tolerated before the file is shrunk, and pages returned to the system per commit group. */
    private static final int FREE_PAGES_KEPT = 2048;
    private static final int VACUUM_STEP_PAGES = 256;

    private final GroupCommitWriter writer;
    private final StoreOptions options;
    private final Clock clock;
    private final CapacityAlarms capacityAlarms;
    private final StoreEvents events = new StoreEvents();
    // Only touched by the writer's leader, under its lock.
    /**
     * What the meta table holds, as far as it was read or written in this transaction's light: every append reads
     * a byte total, and the table is only ever changed through {@link #setMeta}/{@link #addMeta}. Dropped whenever
     * anything rolls back.
     */
    private final Map<String, Long> metaCache = new HashMap<>();
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Map<MessageClass, TreeSet<Long>> toResend = new EnumMap<>(MessageClass.class);
    private final Map<Long, MessageClass> inFlight = new HashMap<>();
    private final Set<Long> handedOut = new HashSet<>();
    private long lastSeq;
    private long confirmed;
    private int pageSize;

    private SqliteOutbox(Connection connection, StoreOptions options, Clock clock, CapacityAlarms capacityAlarms)
            throws SQLException {
        this.options = options;
        this.clock = clock;
        this.capacityAlarms = capacityAlarms;
        for (MessageClass c : MessageClass.values()) {
            toResend.put(c, new TreeSet<>());
        }
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sqlite_master")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    // Only possible before the first table exists: freed pages can then be returned in small steps.
                    s.execute("PRAGMA auto_vacuum = INCREMENTAL");
                }
            }
            // After auto_vacuum: switching to WAL writes the header, which fixes the vacuum mode for good.
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                rs.next();
                if (!"wal".equalsIgnoreCase(rs.getString(1))) {
                    throw new SQLException("the store needs WAL journal mode; SQLite answered " + rs.getString(1));
                }
            }
            for (String sql : SCHEMA.split(";")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
            try (ResultSet rs = s.executeQuery("PRAGMA page_size")) {
                rs.next();
                pageSize = rs.getInt(1);
            }
            if (options.maxFileBytes() > 0) {
                s.execute("PRAGMA max_page_count = " + Math.max(16, options.maxFileBytes() / pageSize));
            }
        }
        loadState(connection);
        this.writer = new GroupCommitWriter(connection, 512, this::reload, metaCache::clear);
    }

    /** Opens (creating if needed) the store at {@code file} with the default limits. */
    public static SqliteOutbox open(Path file) throws SQLException {
        return open(file, StoreOptions.DEFAULTS, Clock.systemUTC(), CapacityAlarms.NONE);
    }

    static SqliteOutbox open(Path file, StoreOptions options, Clock clock, CapacityAlarms capacityAlarms)
            throws SQLException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create the store directory for " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        return new SqliteOutbox(config.createConnection("jdbc:sqlite:" + file.toAbsolutePath()), options, clock,
                capacityAlarms);
    }

    static int code(MessageClass cls) {
        return switch (cls) {
            case ALARM -> 0;
            case TELEMETRY -> 1;
            case EVENT -> 2;
        };
    }

    private static MessageClass ofCode(int code) {
        return switch (code) {
            case 0 -> MessageClass.ALARM;
            case 1 -> MessageClass.TELEMETRY;
            case 2 -> MessageClass.EVENT;
            default -> throw new IllegalStateException("unknown record class " + code + " in the store");
        };
    }

    private static String bytesKey(MessageClass cls) {
        return "bytes_" + code(cls);
    }

    /**
     * A group's transaction was lost (a failed commit, or SQLite cancelled it on a full disk): what this run
     * remembers is read again from the file. Messages handed out before may be handed out again with the same
     * sequence, which the cloud drops as duplicates.
     */
    private Void reload(Connection c) throws SQLException {
        inFlight.clear();
        handedOut.clear();
        toResend.values().forEach(TreeSet::clear);
        loadState(c);
        return null;
    }

    private void loadState(Connection c) throws SQLException {
        metaCache.clear();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'last_seq'")) {
                rs.next();
                lastSeq = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM meta WHERE key = 'bytes_1'")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    // A file written before sizes were counted (or a new one): count once.
                    s.execute("INSERT OR REPLACE INTO meta(key, value) SELECT 'bytes_' || c, "
                            + "COALESCE((SELECT SUM(length(CAST(body AS BLOB))) FROM record WHERE class = c), 0) "
                            + "FROM (SELECT 0 AS c UNION ALL SELECT 1 UNION ALL SELECT 2)");
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT msg_seq, MIN(class) FROM record WHERE msg_seq IS NOT NULL "
                    + "GROUP BY msg_seq ORDER BY msg_seq")) {
                while (rs.next()) {
                    MessageClass cls = ofCode(rs.getInt(2));
                    inFlight.put(rs.getLong(1), cls);
                    toResend.get(cls).add(rs.getLong(1));
                }
            }
        }
    }

    /**
     * Appends records of one class; returns once they are durable.
     *
     * @throws StoreFullException when there is no room: alarms over their cap, or the disk or file limit reached
     *                            with no stored telemetry left to evict. Nothing of this call is stored then.
     */
    public void append(MessageClass cls, Collection<String> bodies) {
        if (bodies.isEmpty()) {
            return;
        }
        long bytes = 0;
        for (String body : bodies) {
            bytes += utf8Length(body);
        }
        long size = bytes;
        String refused = await(writer.submit(c -> cls == MessageClass.TELEMETRY
                ? appendTelemetry(c, bodies, size)
                : appendAlarmOrEvent(c, cls, bodies, size)));
        if (refused != null) {
            throw new StoreFullException(refused, null);
        }
    }

    private String appendTelemetry(Connection c, Collection<String> bodies, long size) throws SQLException {
        insertMakingRoom(c, MessageClass.TELEMETRY, bodies, size);
        // After the insert, so a batch larger than the whole cap loses its own oldest readings too.
        long over = meta(c, bytesKey(MessageClass.TELEMETRY)) - options.telemetryCapBytes();
        if (over > 0) {
            evictTelemetry(c, over);
        }
        return null;
    }

    private String appendAlarmOrEvent(Connection c, MessageClass cls, Collection<String> bodies, long size)
            throws SQLException {
        long used = alarmBytes(c);
        if (cls == MessageClass.ALARM && used + size > options.alarmCapBytes()) {
            String why = "alarm store full: " + used + " of " + options.alarmCapBytes() + " bytes used by unsent "
                    + "alarms and events; " + bodies.size() + " alarm event(s) refused";
            if (meta(c, "alarm_cap_raised") == 0) {
                long occurrence = meta(c, "alarm_cap_count") + 1;
                setMeta(c, "alarm_cap_count", occurrence);
                setMeta(c, "alarm_cap_raised", 1);
                String fault = capacityAlarms.body(true, occurrence, used, options.alarmCapBytes(), clock.instant());
                if (fault != null) {
                    // Beyond the cap on purpose: the one record that says the cap was reached.
                    insertMakingRoom(c, MessageClass.ALARM, List.of(fault), utf8Length(fault));
                }
                LOG.error("{}; FAULT alarm store.alarm-capacity raised", why);
            }
            return why;
        }
        insertMakingRoom(c, cls, bodies, size);
        return null;
    }

    /**
     * Inserts, and when the disk or the file limit is full, evicts stored telemetry to make room and tries once
     * more: readings give way to newer readings and to alarms, never the other way round.
     */
    private void insertMakingRoom(Connection c, MessageClass cls, Collection<String> bodies, long size)
            throws SQLException {
        if (options.maxFileBytes() > 0) {
            // Make room before SQLite reports SQLITE_FULL, which may cancel the whole group's transaction.
            long needed = roomNeeded(bodies.size(), size);
            long shortBy = needed - roomLeft(c);
            if (shortBy > 0) {
                long freed = evictTelemetry(c, shortBy);
                if (roomLeft(c) < needed) {
                    throw full(cls, bodies.size(), size, freed, null);
                }
            }
        }
        Savepoint before = c.setSavepoint();
        try {
            insert(c, cls, bodies, size);
            c.releaseSavepoint(before);
            return;
        } catch (SQLException e) {
            c.rollback(before);
            if (e.getErrorCode() != SQLITE_FULL) {
                throw e;
            }
        }
        long room = Math.max(2 * size, 64L * pageSize);
        long freed = evictTelemetry(c, room);
        try {
            insert(c, cls, bodies, size);
        } catch (SQLException e) {
            if (e.getErrorCode() == SQLITE_FULL) {
                throw full(cls, bodies.size(), size, freed, e);
            }
            throw e;
        }
    }

    private StoreFullException full(MessageClass cls, int records, long size, long freed, SQLException cause) {
        return new StoreFullException("store full: the disk or the file limit ("
                + (options.maxFileBytes() > 0 ? options.maxFileBytes() + " bytes" : "none set") + ") has no room for "
                + records + " " + cls + " record(s) (" + size + " bytes), and "
                + (freed > 0 ? "evicting " + freed + " bytes of stored telemetry did not make enough"
                        : "there is no stored telemetry left to evict"), cause);
    }

    /** A generous estimate of the bytes of pages an insert takes: rows, their index entries, half-full pages. */
    private static long roomNeeded(int rows, long size) {
        return 2 * (size + 24L * rows) + 16 * 1024;
    }

    private long roomLeft(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            long max;
            long count;
            long free;
            try (ResultSet rs = s.executeQuery("PRAGMA max_page_count")) {
                rs.next();
                max = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("PRAGMA page_count")) {
                rs.next();
                count = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("PRAGMA freelist_count")) {
                rs.next();
                free = rs.getLong(1);
            }
            return (max - count + free) * pageSize;
        }
    }

    private void insert(Connection c, MessageClass cls, Collection<String> bodies, long size) throws SQLException {
        PreparedStatement ps = statement(c, "INSERT INTO record(class, body) VALUES (?, ?)");
        int code = code(cls);
        for (String body : bodies) {
            ps.setInt(1, code);
            ps.setString(2, body);
            ps.addBatch();
        }
        ps.executeBatch();
        addMeta(c, bytesKey(cls), size);
    }

    /** Deletes the oldest STORED readings until at least {@code bytes} are freed; returns the bytes freed. */
    private long evictTelemetry(Connection c, long bytes) throws SQLException {
        long freed = 0;
        long count = 0;
        long lastId = -1;
        PreparedStatement select = statement(c, "SELECT id, length(CAST(body AS BLOB)) FROM record "
                + "WHERE class = 1 AND msg_seq IS NULL AND id > ? ORDER BY id LIMIT 256");
        boolean more = true;
        while (freed < bytes && more) {
            select.setLong(1, lastId);
            more = false;
            try (ResultSet rs = select.executeQuery()) {
                while (freed < bytes && rs.next()) {
                    more = true;
                    lastId = rs.getLong(1);
                    freed += rs.getLong(2);
                    count++;
                }
            }
        }
        if (count == 0) {
            return 0;
        }
        PreparedStatement delete = statement(c, "DELETE FROM record WHERE class = 1 AND msg_seq IS NULL AND id <= ?");
        delete.setLong(1, lastId);
        delete.executeUpdate();
        addMeta(c, bytesKey(MessageClass.TELEMETRY), -freed);
        addMeta(c, "evicted_total", count);
        reportEviction(c, count, freed);
        return freed;
    }

    /**
     * Folds an eviction into the one eviction event not yet handed to the uplink, or starts a new one: under
     * steady pressure the backlog holds a single event with running counts, not one per append.
     */
    private void reportEviction(Connection c, long count, long bytes) throws SQLException {
        long now = clock.millis();
        long pendingId = meta(c, "evict_pending_id");
        boolean pendingStillStored = false;
        if (pendingId > 0) {
            PreparedStatement ps = statement(c, "SELECT 1 FROM record WHERE id = ? AND msg_seq IS NULL");
            ps.setLong(1, pendingId);
            try (ResultSet rs = ps.executeQuery()) {
                pendingStillStored = rs.next();
            }
        }
        long records = count;
        long size = bytes;
        long since = now;
        if (pendingStillStored) {
            records += meta(c, "evict_pending_records");
            size += meta(c, "evict_pending_bytes");
            since = meta(c, "evict_pending_since");
        }
        String body = events.telemetryEvicted(since, now, records, size, options.telemetryCapBytes(),
                meta(c, "evicted_total"));
        long eventKey = code(MessageClass.EVENT);
        if (pendingStillStored) {
            PreparedStatement old = statement(c, "SELECT length(CAST(body AS BLOB)) FROM record WHERE id = ?");
            old.setLong(1, pendingId);
            long oldSize;
            try (ResultSet rs = old.executeQuery()) {
                rs.next();
                oldSize = rs.getLong(1);
            }
            PreparedStatement update = statement(c, "UPDATE record SET body = ? WHERE id = ?");
            update.setString(1, body);
            update.setLong(2, pendingId);
            update.executeUpdate();
            addMeta(c, "bytes_" + eventKey, utf8Length(body) - oldSize);
        } else {
            insert(c, MessageClass.EVENT, List.of(body), utf8Length(body));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
                rs.next();
                setMeta(c, "evict_pending_id", rs.getLong(1));
            }
            setMeta(c, "evict_pending_since", since);
        }
        setMeta(c, "evict_pending_records", records);
        setMeta(c, "evict_pending_bytes", size);
    }

    private long alarmBytes(Connection c) throws SQLException {
        return meta(c, bytesKey(MessageClass.ALARM)) + meta(c, bytesKey(MessageClass.EVENT));
    }

    @Override
    public Optional<StoredMessage> take(int maxRecords) {
        return take(maxRecords, Integer.MAX_VALUE);
    }

    @Override
    public Optional<StoredMessage> take(int maxRecords, int maxRecordBytes) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1, was " + maxRecords);
        }
        return await(writer.submit(c -> {
            for (MessageClass cls : DRAIN_ORDER) {
                for (Long resend = toResend.get(cls).pollFirst(); resend != null;
                        resend = toResend.get(cls).pollFirst()) {
                    List<String> bodies = bodiesOf(c, resend);
                    if (!bodies.isEmpty()) {
                        handedOut.add(resend);
                        return Optional.of(new StoredMessage(resend, cls, bodies));
                    }
                    inFlight.remove(resend); // confirmed meanwhile: nothing left to send
                }
                Optional<StoredMessage> fresh = formMessage(c, cls, maxRecords, maxRecordBytes);
                if (fresh.isPresent()) {
                    return fresh;
                }
            }
            return Optional.<StoredMessage>empty();
        }));
    }

    private List<String> bodiesOf(Connection c, long seq) throws SQLException {
        PreparedStatement ps = statement(c, "SELECT body FROM record WHERE msg_seq = ? ORDER BY id");
        ps.setLong(1, seq);
        var bodies = new ArrayList<String>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                bodies.add(rs.getString(1));
            }
        }
        return bodies;
    }

    private Optional<StoredMessage> formMessage(Connection c, MessageClass cls, int maxRecords, int maxBytes)
            throws SQLException {
        var bodies = new ArrayList<String>();
        long lastId = -1;
        long bytes = 0;
        PreparedStatement select = statement(c,
                "SELECT id, body FROM record WHERE class = ? AND msg_seq IS NULL ORDER BY id LIMIT ?");
        select.setInt(1, code(cls));
        select.setInt(2, maxRecords);
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                String body = rs.getString(2);
                long size = utf8Length(body);
                if (!bodies.isEmpty() && bytes + size > maxBytes) {
                    break; // the rest waits for the next message; one oversized record still goes alone
                }
                bytes += size;
                lastId = rs.getLong(1);
                bodies.add(body);
            }
        }
        if (bodies.isEmpty()) {
            return Optional.empty();
        }
        long seq = lastSeq + 1;
        // All writes happen under the writer's lock, so the rows selected are exactly the stored ones up to lastId.
        PreparedStatement mark = statement(c,
                "UPDATE record SET msg_seq = ? WHERE class = ? AND msg_seq IS NULL AND id <= ?");
        mark.setLong(1, seq);
        mark.setInt(2, code(cls));
        mark.setLong(3, lastId);
        mark.executeUpdate();
        setMeta(c, "last_seq", seq);
        lastSeq = seq;
        inFlight.put(seq, cls);
        handedOut.add(seq);
        return Optional.of(new StoredMessage(seq, cls, bodies));
    }

    @Override
    public void confirm(long seq) {
        await(writer.submit(c -> {
            MessageClass cls = inFlight.remove(seq);
            handedOut.remove(seq);
            if (cls == null) {
                return null;
            }
            toResend.get(cls).remove(seq);
            PreparedStatement size = statement(c,
                    "SELECT COALESCE(SUM(length(CAST(body AS BLOB))), 0) FROM record WHERE msg_seq = ?");
            size.setLong(1, seq);
            long bytes;
            try (ResultSet rs = size.executeQuery()) {
                rs.next();
                bytes = rs.getLong(1);
            }
            PreparedStatement delete = statement(c, "DELETE FROM record WHERE msg_seq = ?");
            delete.setLong(1, seq);
            delete.executeUpdate();
            addMeta(c, bytesKey(cls), -bytes);
            confirmed++;
            if (cls != MessageClass.TELEMETRY) {
                clearCapacityAlarm(c);
            }
            shrinkStep(c);
            return null;
        }));
    }

    private void clearCapacityAlarm(Connection c) throws SQLException {
        if (meta(c, "alarm_cap_raised") == 0) {
            return;
        }
        long used = alarmBytes(c);
        if (used * 10 < options.alarmCapBytes() * 9) {
            setMeta(c, "alarm_cap_raised", 0);
            String cleared = capacityAlarms.body(false, meta(c, "alarm_cap_count"), used, options.alarmCapBytes(),
                    clock.instant());
            if (cleared != null) {
                insertMakingRoom(c, MessageClass.ALARM, List.of(cleared), utf8Length(cleared));
            }
            LOG.info("alarm store below 90% of its cap again ({} of {} bytes); FAULT alarm cleared", used,
                    options.alarmCapBytes());
        }
    }

    /**
     * Freed pages are reused by later appends; only when many are free (a drained outage backlog) is the file
     * shrunk, a few pages per commit, so no single commit pauses for a whole-file vacuum.
     */
    private void shrinkStep(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA freelist_count")) {
            rs.next();
            if (rs.getLong(1) <= FREE_PAGES_KEPT) {
                return;
            }
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("PRAGMA incremental_vacuum(" + VACUUM_STEP_PAGES + ")"); // steps to the end
        }
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
            long[] stored = new long[3];
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT class, COUNT(*) FROM record WHERE msg_seq IS NULL GROUP BY class")) {
                while (rs.next()) {
                    stored[rs.getInt(1)] = rs.getLong(2);
                }
            }
            return new StoreStats(stored[code(MessageClass.ALARM)], stored[code(MessageClass.TELEMETRY)],
                    inFlight.size(), confirmed, lastSeq, stored[code(MessageClass.EVENT)],
                    meta(c, bytesKey(MessageClass.TELEMETRY)), alarmBytes(c), meta(c, "evicted_total"));
        }));
    }

    /** Pages in the file and pages free in it, for tests of space reuse. */
    long[] pages() {
        return await(writer.submit(c -> {
            try (Statement s = c.createStatement()) {
                long count;
                try (ResultSet rs = s.executeQuery("PRAGMA page_count")) {
                    rs.next();
                    count = rs.getLong(1);
                }
                try (ResultSet rs = s.executeQuery("PRAGMA freelist_count")) {
                    rs.next();
                    return new long[] {count, rs.getLong(1)};
                }
            }
        }));
    }

    private PreparedStatement statement(Connection c, String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = c.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    private long meta(Connection c, String key) throws SQLException {
        Long cached = metaCache.get(key);
        if (cached != null) {
            return cached;
        }
        long value = readMeta(c, key);
        metaCache.put(key, value);
        return value;
    }

    private long readMeta(Connection c, String key) throws SQLException {
        PreparedStatement ps = statement(c, "SELECT value FROM meta WHERE key = ?");
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private void setMeta(Connection c, String key, long value) throws SQLException {
        PreparedStatement ps = statement(c, "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)");
        ps.setString(1, key);
        ps.setLong(2, value);
        ps.executeUpdate();
        metaCache.put(key, value);
    }

    private void addMeta(Connection c, String key, long delta) throws SQLException {
        PreparedStatement ps = statement(c, "INSERT INTO meta(key, value) VALUES (?, ?) "
                + "ON CONFLICT(key) DO UPDATE SET value = value + excluded.value");
        ps.setString(1, key);
        ps.setLong(2, delta);
        ps.executeUpdate();
        metaCache.computeIfPresent(key, (k, v) -> v + delta); // absent: the next read gets it from the table
    }

    /** The bytes SQLite stores for a TEXT value (UTF-8), counted without encoding the string. */
    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                n += 1;
            } else if (ch < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(ch) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
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
