package io.weir.store.internal;

import java.io.IOException;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

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
 * Byte and record totals live in the meta table, changed in the same transaction as the rows they count. All state
 * that matters is in the file; the in-memory queues only remember which in-flight messages this run has handed out.
 *
 * <p>Room: the file is capped ({@link StoreOptions#fileCap}), and a reserve file keeps room on the file system. When
 * the file system itself is full, the reserve is given up, the file is held at its size and old telemetry is
 * evicted inside it, so alarms and events are still written; a FAULT alarm says so until the reserve is back.
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
    /** Free pages tolerated before the file is shrunk, and pages returned to the system per commit group. */
    private static final int FREE_PAGES_KEPT = 2048;
    private static final int VACUUM_STEP_PAGES = 256;
    /** SQLite's own largest page count: no file cap. */
    private static final long NO_CAP_PAGES = 4294967294L;
    /** Below this much free space (or the reserve, if larger) a failed write is the file system's fault. */
    private static final long FILE_SYSTEM_SHORT = StoreOptions.MIB;
    /** Telemetry evicted at least when making room after a failed write. */
    private static final long MIN_EVICTION_BYTES = 256 * 1024;
    /** Room below which the page counts are asked before every insert. */
    private static final long ROOM_MARGIN = 4 * StoreOptions.MIB;
    /** Pages' worth of telemetry evicted at least when the file cap needs room. */
    private static final long EVICTION_STEP_PAGES = 16;

    private final Path file;
    private final StoreOptions options;
    private final Clock clock;
    private final CapacityAlarms capacityAlarms;
    private final DiskSpace space;
    private final UnaryOperator<Connection> wrapper;
    private final Reserve reserve;
    private final StoreEvents events = new StoreEvents();
    private final long fileCapBytes;
    private final long alarmCapBytes;
    private final GroupCommitWriter writer;
    private final List<Consumer<MessageClass>> appendListeners = new CopyOnWriteArrayList<>();
    // Only touched by the writer's leader, under its lock.
    /**
     * What the meta table holds, as far as it was read or written in this transaction's light: every append reads
     * a byte total, and the table is only ever changed through {@link #setMeta}/{@link #addMeta}. Dropped whenever
     * anything rolls back.
     */
    private final Map<String, Long> metaCache = new HashMap<>();
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Map<MessageClass, TreeSet<Long>> toResend = new EnumMap<>(MessageClass.class);
    private final Map<Long, InFlight> inFlight = new HashMap<>();
    private final Set<Long> handedOut = new HashSet<>();
    private long lastSeq;
    private long confirmed;
    private int pageSize;
    /** The page limit in force: the file cap, or the file's size while the file system is full; 0 for none. */
    private long capPages;
    /** The reserve is given up: the file system was full and may still be. */
    private boolean diskFull;
    /**
     * Bytes known free within the cap, lowered by each insert's generous estimate, so the page counts are asked only
     * near the cap or every few MiB, not on every append; below zero: ask. An estimate too high is caught by SQLite
     * (SQLITE_FULL on the statement), which {@link #insertMakingRoom} handles.
     */
    private long roomEstimate = -1;

    private SqliteOutbox(Path file, StoreOptions options, Clock clock, CapacityAlarms capacityAlarms,
                         DiskSpace space, UnaryOperator<Connection> wrapper) throws SQLException {
        this.file = file;
        this.wrapper = wrapper;
        this.options = options;
        this.clock = clock;
        this.capacityAlarms = capacityAlarms;
        this.space = space;
        this.reserve = new Reserve(sibling(".reserve"), options.reserveBytes());
        for (MessageClass c : MessageClass.values()) {
            toResend.put(c, new TreeSet<>());
        }
        Connection connection = openConnection();
        try {
            createSchema(connection);
            long usable = usable();
            this.fileCapBytes = options.fileCap(usable, ownBytes());
            this.alarmCapBytes = fileCapBytes > 0 ? Math.min(options.alarmCapBytes(), fileCapBytes / 2)
                    : options.alarmCapBytes();
            diskFull = !reserve.restore(space);
            applyCap(connection);
            if (diskFull) {
                LOG.error("store at {}: the file system has no room for the {} reserve ({} bytes free); the file is "
                        + "held at its size and old telemetry is evicted to keep alarms flowing", file,
                        StoreOptions.mib(reserve.bytes()), usable);
            }
            loadState(connection);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        this.writer = new GroupCommitWriter(connection, new Owner(), 512);
    }

    /** Opens (creating if needed) the store at {@code file} with the default limits. */
    public static SqliteOutbox open(Path file) throws SQLException {
        return open(file, StoreOptions.DEFAULTS, Clock.systemUTC(), CapacityAlarms.NONE);
    }

    static SqliteOutbox open(Path file, StoreOptions options, Clock clock, CapacityAlarms capacityAlarms)
            throws SQLException {
        return open(file, options, clock, capacityAlarms, DiskSpace.of(directoryOf(file)), UnaryOperator.identity());
    }

    /**
     * @param space    free space on the store's file system
     * @param wrapper  applied to every connection the store opens (tests make SQLite fail through it)
     */
    static SqliteOutbox open(Path file, StoreOptions options, Clock clock, CapacityAlarms capacityAlarms,
                             DiskSpace space, UnaryOperator<Connection> wrapper) throws SQLException {
        directoryOf(file);
        return new SqliteOutbox(file.toAbsolutePath(), options, clock, capacityAlarms, space, wrapper);
    }

    private static Path directoryOf(Path file) throws SQLException {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new SQLException("cannot create the store directory for " + file + ": " + e.getMessage(), e);
        }
        return parent;
    }

    private Path sibling(String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    /** A connection with the store's per-connection settings; the file's own settings are in the file. */
    private Connection openConnection() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        // The store never asks for generated keys; asking for them costs a regular expression on every update.
        config.setGetGeneratedKeys(false);
        Connection c = wrapper.apply(config.createConnection("jdbc:sqlite:" + file));
        try (Statement s = c.createStatement()) {
            // The write-ahead log stays well below the reserve, so giving the reserve up always leaves room to
            // move the log into the file.
            long walPages = options.reserveBytes() > 0 ? options.reserveBytes() / 2 / 4096 : 1000;
            s.execute("PRAGMA wal_autocheckpoint = " + Math.max(64, Math.min(1000, walPages)));
            if (capPages > 0) {
                s.execute("PRAGMA max_page_count = " + capPages);
            }
        }
        c.setAutoCommit(false);
        return c;
    }

    private void createSchema(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            connection.setAutoCommit(true);
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
            connection.setAutoCommit(false);
            for (String sql : SCHEMA.split(";")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
            try (ResultSet rs = s.executeQuery("PRAGMA page_size")) {
                rs.next();
                pageSize = rs.getInt(1);
            }
            connection.commit();
        }
    }

    /** The page limit: the file cap, or while the file system is full no more than the file has now. */
    private void applyCap(Connection c) throws SQLException {
        long normal = fileCapBytes > 0 ? Math.max(16, fileCapBytes / pageSize) : 0;
        capPages = diskFull ? Math.min(normal > 0 ? normal : Long.MAX_VALUE, pragma(c, "page_count")) : normal;
        roomEstimate = -1;
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA max_page_count = " + (capPages > 0 ? capPages : NO_CAP_PAGES));
        }
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

    private static String countKey(MessageClass cls) {
        return "count_" + code(cls);
    }

    /** What the writer needs of this store. */
    private final class Owner implements GroupCommitWriter.Owner {

        @Override
        public Connection connect() throws SQLException {
            return openConnection();
        }

        @Override
        public void forget() {
            metaCache.clear();
            roomEstimate = -1;
            for (PreparedStatement ps : statements.values()) {
                try {
                    ps.close();
                } catch (SQLException e) {
                    LOG.debug("closing a statement of a lost transaction: {}", e.toString());
                }
            }
            statements.clear();
        }

        /**
         * A group's transaction was lost (a failed commit, or SQLite cancelled it on a full disk): what this run
         * remembers is read again from the file. Messages handed out before may be handed out again with the same
         * sequence, which the cloud drops as duplicates.
         */
        @Override
        public void reload(Connection c) throws SQLException {
            inFlight.clear();
            handedOut.clear();
            toResend.values().forEach(TreeSet::clear);
            loadState(c);
        }

        @Override
        public String makeRoom(Connection c, SQLException cause) throws SQLException {
            return SqliteOutbox.this.makeRoom(c, cause);
        }
    }

    private void loadState(Connection c) throws SQLException {
        metaCache.clear();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'last_seq'")) {
                rs.next();
                lastSeq = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM meta WHERE key = 'count_1'")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    // A file written before totals were kept (or a new one): count once.
                    s.execute("INSERT OR REPLACE INTO meta(key, value) SELECT 'bytes_' || c, "
                            + "COALESCE((SELECT SUM(length(CAST(body AS BLOB))) FROM record WHERE class = c), 0) "
                            + "FROM (SELECT 0 AS c UNION ALL SELECT 1 UNION ALL SELECT 2)");
                    s.execute("INSERT OR REPLACE INTO meta(key, value) SELECT 'count_' || c, "
                            + "(SELECT COUNT(*) FROM record WHERE class = c) "
                            + "FROM (SELECT 0 AS c UNION ALL SELECT 1 UNION ALL SELECT 2)");
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT msg_seq, MIN(class) FROM record WHERE msg_seq IS NOT NULL "
                    + "GROUP BY msg_seq ORDER BY msg_seq")) {
                while (rs.next()) {
                    MessageClass cls = ofCode(rs.getInt(2));
                    inFlight.put(rs.getLong(1), new InFlight(cls, InFlight.UNCOUNTED));
                    toResend.get(cls).add(rs.getLong(1));
                }
            }
        }
    }

    /**
     * Appends records of one class; returns once they are durable.
     *
     * @throws StoreFullException when there is no room: alarms over their cap, or the disk or file cap reached
     *                            with no stored telemetry left to evict. Nothing of this call is stored then.
     * @throws StoreException     when the file cannot be written at all
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
        String refused = await(writer.submit(c -> {
            checkDisk(c);
            return cls == MessageClass.TELEMETRY ? appendTelemetry(c, bodies, size)
                    : appendAlarmOrEvent(c, cls, bodies, size);
        }));
        if (refused != null) {
            throw new StoreFullException(refused, null);
        }
        for (Consumer<MessageClass> listener : appendListeners) {
            try {
                listener.accept(cls);
            } catch (RuntimeException e) {
                // the records are durable whatever a listener does; it only misses being told early
                LOG.warn("append listener {} failed: {}", listener, e.toString());
            }
        }
    }

    @Override
    public Subscription onAppended(Consumer<MessageClass> listener) {
        appendListeners.add(listener);
        return () -> appendListeners.remove(listener);
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
        if (cls == MessageClass.ALARM && used + size > alarmCapBytes) {
            String why = "alarm store full: " + used + " of " + alarmCapBytes + " bytes used by unsent "
                    + "alarms and events; " + bodies.size() + " alarm event(s) refused";
            if (meta(c, "alarm_cap_raised") == 0) {
                setMeta(c, "alarm_cap_raised", 1);
                // Beyond the cap on purpose: the one record that says the cap was reached.
                storeCapacityAlarm(c, CapacityAlarms.Kind.ALARM_CAP, true, used, alarmCapBytes);
                LOG.error("{}; FAULT alarm {} raised", why, CapacityAlarms.Kind.ALARM_CAP.ruleId);
            }
            return why;
        }
        insertMakingRoom(c, cls, bodies, size);
        return null;
    }

    /** Stores the RAISED or CLEARED event of one of the store's own alarms, counting its occurrences. */
    private void storeCapacityAlarm(Connection c, CapacityAlarms.Kind kind, boolean raised, long value,
                                    long threshold) throws SQLException {
        String countKey = kind == CapacityAlarms.Kind.ALARM_CAP ? "alarm_cap_count" : "disk_full_count";
        long occurrence = meta(c, countKey) + (raised ? 1 : 0);
        if (raised) {
            setMeta(c, countKey, occurrence);
        }
        String body = capacityAlarms.body(kind, raised, occurrence, value, threshold, clock.instant());
        if (body != null) {
            insertMakingRoom(c, MessageClass.ALARM, List.of(body), utf8Length(body));
        }
    }

    /**
     * Inserts, and when the file cap is reached, evicts stored telemetry to make room and tries once more: readings
     * give way to newer readings and to alarms, never the other way round. A file system that is full itself fails
     * the insert with SQLite's error, for the writer to make room ({@link #makeRoom}) and retry.
     */
    private void insertMakingRoom(Connection c, MessageClass cls, Collection<String> bodies, long size)
            throws SQLException {
        if (capPages > 0) {
            // Make room before SQLite reports SQLITE_FULL, which may cancel the whole group's transaction.
            long needed = roomNeeded(bodies.size(), size);
            if (roomEstimate < needed + ROOM_MARGIN) {
                long freed = 0;
                for (long shortBy = needed - roomLeft(c); shortBy > 0; shortBy = needed - roomLeft(c)) {
                    // A page comes free only once all its rows are gone: evict at least a few pages' worth.
                    long step = evictTelemetry(c, Math.max(shortBy, EVICTION_STEP_PAGES * pageSize));
                    if (step == 0) {
                        throw full(cls, bodies.size(), size, freed);
                    }
                    freed += step;
                }
                roomEstimate = roomLeft(c);
            }
            roomEstimate -= needed;
        }
        Savepoint before = c.setSavepoint();
        try {
            insert(c, cls, bodies, size);
            c.releaseSavepoint(before);
            return;
        } catch (SQLException e) {
            metaCache.clear();
            roomEstimate = -1;
            c.rollback(before); // throws if SQLite cancelled the transaction: the writer makes room and retries
            if (!SqliteErrors.isFull(e)) {
                throw e;
            }
        }
        evictTelemetry(c, Math.max(2 * size, 64L * pageSize));
        insert(c, cls, bodies, size);
    }

    private StoreFullException full(MessageClass cls, int records, long size, long freed) {
        return new StoreFullException("store full: " + capDescription() + " has no room for " + records + " " + cls
                + " record(s) (" + size + " bytes), and " + (freed > 0 ? "evicting " + freed
                + " bytes of stored telemetry did not make enough" : "there is no stored telemetry left to evict"),
                null);
    }

    private String capDescription() {
        if (diskFull) {
            return "the file system (full; the store's file held at " + capPages * pageSize + " bytes)";
        }
        return "the file cap (" + (fileCapBytes > 0 ? fileCapBytes + " bytes" : "none set") + ")";
    }

    /** A generous estimate of the bytes of pages an insert takes: rows, their index entries, half-full pages. */
    private static long roomNeeded(int rows, long size) {
        return 2 * (size + 24L * rows) + 16 * 1024;
    }

    private long roomLeft(Connection c) throws SQLException {
        return (capPages - counted(c, "PRAGMA page_count") + counted(c, "PRAGMA freelist_count")) * pageSize;
    }

    /** A count SQLite answers, through a statement kept prepared: this is on the append path near the cap. */
    private long counted(Connection c, String sql) throws SQLException {
        try (ResultSet rs = statement(c, sql).executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getLong(1);
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
        addTotals(c, cls, size, bodies.size());
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
        addTotals(c, MessageClass.TELEMETRY, -freed, -count);
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

    /**
     * A write failed for want of room. If the file system itself is short (an I/O error, or less free than the
     * reserve), the reserve is given up, the write-ahead log moved into the file and the file held at its size;
     * in any case old telemetry is evicted, and a FAULT alarm stored while the file system is full.
     *
     * @return null when room was made, else why none could be
     */
    private String makeRoom(Connection c, SQLException cause) throws SQLException {
        long usable = usable();
        boolean fileSystem = SqliteErrors.isIo(cause) || usable < Math.max(FILE_SYSTEM_SHORT, reserve.bytes());
        long released = 0;
        if (fileSystem) {
            released = reserve.release();
            if (!diskFull) {
                diskFull = true;
                LOG.error("the file system holding the store is full ({} bytes free; {}): {}; the store's file is "
                        + "held at its size, old telemetry is evicted to keep alarms flowing, and FAULT alarm "
                        + CapacityAlarms.Kind.DISK_FULL.ruleId + " is raised", usable,
                        cause.getMessage(), released > 0 ? "gave up the " + StoreOptions.mib(released) + " reserve"
                        : "no reserve to give up");
            }
            c.commit(); // nothing is open: the checkpoint needs no transaction around it
            checkpoint(c);
            applyCap(c);
        }
        long freed = evictTelemetry(c, Math.max(MIN_EVICTION_BYTES, reserve.bytes()));
        c.commit();
        if (fileSystem) {
            checkpoint(c);
        }
        if (freed == 0 && released == 0) {
            return "store full: " + capDescription() + " has no room (" + cause.getMessage() + "), and there is "
                    + "no stored telemetry left to evict";
        }
        return null;
    }

    /** Moves the write-ahead log into the file, so the log's room can be used again. */
    private static void checkpoint(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(RESTART)")) {
            rs.next();
        }
        c.commit();
    }

    /**
     * While the file system is full: the FAULT alarm is stored (in the first write that finds room for it); once
     * the file system has room for the reserve and as much again (space freed by someone, or returned by
     * {@link #shrinkStep} from a drained backlog), the reserve is written, the file cap restored and the alarm
     * cleared.
     */
    private void checkDisk(Connection c) throws SQLException {
        if (!diskFull) {
            return;
        }
        boolean room = reserve.bytes() > 0 ? reserve.restore(space) : usable() >= FILE_SYSTEM_SHORT;
        if (!room) {
            if (meta(c, "disk_full_raised") == 0) {
                setMeta(c, "disk_full_raised", 1);
                storeCapacityAlarm(c, CapacityAlarms.Kind.DISK_FULL, true, usable(), reserve.bytes());
            }
            return;
        }
        diskFull = false;
        applyCap(c);
        if (meta(c, "disk_full_raised") != 0) {
            setMeta(c, "disk_full_raised", 0);
            storeCapacityAlarm(c, CapacityAlarms.Kind.DISK_FULL, false, usable(), reserve.bytes());
        }
        LOG.info("the file system holding the store has room again{}, and {} applies again; FAULT alarm {} cleared",
                reserve.bytes() > 0 ? ": the " + StoreOptions.mib(reserve.bytes()) + " reserve is back" : "",
                capDescription(), CapacityAlarms.Kind.DISK_FULL.ruleId);
    }

    private long usable() {
        try {
            return space.usableBytes();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Bytes the store's files take on disk: the database, its write-ahead log and the reserve. */
    private long ownBytes() {
        long total = 0;
        for (Path p : List.of(file, sibling("-wal"), reserve.file())) {
            try {
                total += Files.exists(p) ? Files.size(p) : 0;
            } catch (IOException e) {
                // gone meanwhile
            }
        }
        return total;
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
                        long bytes = bodies.stream().mapToLong(SqliteOutbox::utf8Length).sum();
                        inFlight.put(resend, new InFlight(cls, bytes));
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
        inFlight.put(seq, new InFlight(cls, bytes));
        handedOut.add(seq);
        return Optional.of(new StoredMessage(seq, cls, bodies));
    }

    @Override
    public void confirm(long seq) {
        confirm(List.of(seq));
    }

    /** One commit for all of them. */
    @Override
    public void confirm(Collection<Long> seqs) {
        if (seqs.isEmpty()) {
            return;
        }
        await(writer.submit(c -> {
            boolean removed = false;
            for (long seq : seqs) {
                removed |= remove(c, seq);
            }
            if (removed) {
                shrinkStep(c);
                checkDisk(c);
            }
            return null;
        }));
    }

    /** Deletes a confirmed message's records; false when it was not in flight. */
    private boolean remove(Connection c, long seq) throws SQLException {
        InFlight message = inFlight.remove(seq);
        handedOut.remove(seq);
        if (message == null) {
            return false;
        }
        MessageClass cls = message.cls();
        toResend.get(cls).remove(seq);
        long bytes = message.bytes() != InFlight.UNCOUNTED ? message.bytes() : bytesOf(c, seq);
        PreparedStatement delete = statement(c, "DELETE FROM record WHERE msg_seq = ?");
        delete.setLong(1, seq);
        int rows = delete.executeUpdate();
        addTotals(c, cls, -bytes, -rows);
        confirmed++;
        if (cls != MessageClass.TELEMETRY) {
            clearAlarmCapAlarm(c);
        }
        return true;
    }

    /**
     * A numbered message not yet confirmed, with its bodies' UTF-8 bytes when this run formed or read it again, so a
     * confirm need not read them.
     */
    private record InFlight(MessageClass cls, long bytes) {
        static final long UNCOUNTED = -1;
    }

    /** A message's bytes as stored, for one left in flight by an earlier run. */
    private long bytesOf(Connection c, long seq) throws SQLException {
        PreparedStatement size = statement(c,
                "SELECT COALESCE(SUM(length(CAST(body AS BLOB))), 0) FROM record WHERE msg_seq = ?");
        size.setLong(1, seq);
        try (ResultSet rs = size.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void clearAlarmCapAlarm(Connection c) throws SQLException {
        if (meta(c, "alarm_cap_raised") == 0) {
            return;
        }
        long used = alarmBytes(c);
        if (used * 10 < alarmCapBytes * 9) {
            setMeta(c, "alarm_cap_raised", 0);
            storeCapacityAlarm(c, CapacityAlarms.Kind.ALARM_CAP, false, used, alarmCapBytes);
            LOG.info("alarm store below 90% of its cap again ({} of {} bytes); FAULT alarm {} cleared", used,
                    alarmCapBytes, CapacityAlarms.Kind.ALARM_CAP.ruleId);
        }
    }

    /**
     * Freed pages are reused by later appends; only when many are free (a drained outage backlog) is the file
     * shrunk, a few pages per commit, so no single commit pauses for a whole-file vacuum. While the file system is
     * full, all but a reserve's worth go back, so the reserve can be written again.
     */
    private void shrinkStep(Connection c) throws SQLException {
        long keep = diskFull ? Math.max(16, reserve.bytes() / pageSize) : FREE_PAGES_KEPT;
        long free = pragma(c, "freelist_count");
        if (free <= keep) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("PRAGMA incremental_vacuum(" + Math.min(VACUUM_STEP_PAGES, free - keep) + ")");
        }
    }

    @Override
    public void release(long seq) {
        await(writer.submit(c -> {
            InFlight message = inFlight.get(seq);
            if (message != null && handedOut.remove(seq)) {
                // Resent before anything not yet numbered, in sequence order.
                toResend.get(message.cls()).add(seq);
            }
            return null;
        }));
    }

    @Override
    public StoreStats stats() {
        return await(writer.submit(this::stats));
    }

    /** Counts from the kept totals and the (few) records in flight: no scan of the backlog. */
    private StoreStats stats(Connection c) throws SQLException {
        long[] inFlightRecords = new long[3];
        PreparedStatement ps = statement(c,
                "SELECT class, COUNT(*) FROM record WHERE msg_seq IS NOT NULL GROUP BY class");
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                inFlightRecords[rs.getInt(1)] = rs.getLong(2);
            }
        }
        long[] stored = new long[3];
        for (MessageClass cls : MessageClass.values()) {
            stored[code(cls)] = meta(c, countKey(cls)) - inFlightRecords[code(cls)];
        }
        return new StoreStats(stored[code(MessageClass.ALARM)], stored[code(MessageClass.TELEMETRY)],
                inFlight.size(), confirmed, lastSeq, stored[code(MessageClass.EVENT)],
                meta(c, bytesKey(MessageClass.TELEMETRY)), alarmBytes(c), meta(c, "evicted_total"));
    }

    /** Everything the store's status part shows; cheap (no scan of the backlog). */
    StoreReport report() {
        return await(writer.submit(c -> {
            var oldest = new EnumMap<MessageClass, String>(MessageClass.class);
            PreparedStatement ps = statement(c, "SELECT json_extract(body, '$.ts') FROM record "
                    + "WHERE class = ? AND msg_seq IS NULL ORDER BY id LIMIT 1");
            for (MessageClass cls : MessageClass.values()) {
                ps.setInt(1, code(cls));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getString(1) != null) {
                        oldest.put(cls, rs.getString(1));
                    }
                }
            }
            long pages = pragma(c, "page_count");
            long free = pragma(c, "freelist_count");
            long wal = Files.exists(sibling("-wal")) ? sizeOf(sibling("-wal")) : 0;
            return new StoreReport(stats(c), oldest, options.telemetryCapBytes(), alarmCapBytes, fileCapBytes,
                    (pages - free) * pageSize, pages * pageSize, wal, usable(), reserve.bytes(), !diskFull,
                    meta(c, "alarm_cap_raised") != 0, meta(c, "disk_full_raised") != 0,
                    writer.failuresInARow());
        }));
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Pages in the file and pages free in it, for tests of space reuse. */
    long[] pages() {
        return await(writer.submit(c -> new long[] {pragma(c, "page_count"), pragma(c, "freelist_count")}));
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

    /** A class's byte and record totals, in one statement: this is on every append's path. */
    private void addTotals(Connection c, MessageClass cls, long bytes, long records) throws SQLException {
        PreparedStatement ps = statement(c, "UPDATE meta SET value = value + CASE key WHEN ? THEN ? ELSE ? END "
                + "WHERE key IN (?, ?)");
        String bytesKey = bytesKey(cls);
        String countKey = countKey(cls);
        ps.setString(1, bytesKey);
        ps.setLong(2, bytes);
        ps.setLong(3, records);
        ps.setString(4, bytesKey);
        ps.setString(5, countKey);
        ps.executeUpdate();
        metaCache.computeIfPresent(bytesKey, (k, v) -> v + bytes);
        metaCache.computeIfPresent(countKey, (k, v) -> v + records);
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
