package io.weir.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the one SQLite connection. Work is queued and run by whichever caller holds the writer's lock (the leader):
 * it runs everything queued in one transaction, one commit (one fsync) for the whole group, and every caller is
 * released only after the commit that holds its work. Callers that arrive while a group commits queue behind it
 * and the next leader takes them all together; a lone caller commits its own work on its own thread, with no
 * hand-off to another thread and back. Each piece of work in a larger group runs under its own savepoint, so one
 * failing piece does not undo the others.
 *
 * <p>A failure never leaves the connection broken: whatever was cached in the lost transaction is dropped, and a
 * connection SQLite will not roll back (it cancels a transaction itself on a full disk) is replaced. Work lost for
 * want of room is retried after the owner has made some, and fails only when the owner says nothing more can be
 * freed. Repeated failures are logged once, then counted.
 */
final class GroupCommitWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    /** Rounds of making room and retrying before the work is refused. */
    private static final int ROOM_ATTEMPTS = 3;
    /** A thread that submitted work this recently is likely to submit again soon: a sibling. */
    private static final long SIBLING_NANOS = 100_000_000;
    /** The longest a leader waits for its siblings' work before committing without it. */
    private static final long GATHER_NANOS = 2_000_000;
    private static final long GATHER_STEP_NANOS = 200_000;

    /** What the writer needs from the store that owns it. */
    interface Owner {

        /** A new connection to the store's file, configured, auto-commit off. */
        Connection connect() throws SQLException;

        /** Something rolled back: drop prepared statements and values read in the transaction. */
        void forget();

        /** In a fresh transaction after a lost one: read again from the file what the owner keeps in memory. */
        void reload(Connection c) throws SQLException;

        /**
         * A write failed for want of room ({@link SqliteErrors#isSpace}): make some, committing as it goes.
         *
         * @return null when room was made and the work is worth retrying; otherwise why nothing more can be done,
         *         which the refused work's callers are told
         */
        String makeRoom(Connection c, SQLException cause) throws SQLException;
    }

    private record Job<T>(SqlWork<T> work, CompletableFuture<T> result) {
    }

    /** Jobs whose work is not stored yet because of {@code cause}; {@code whole} when the transaction was lost. */
    private record Lost(List<Job<?>> jobs, SQLException cause, boolean whole) {
    }

    private final Owner owner;
    private final int maxGroup;
    private final Queue<Job<?>> queue = new ConcurrentLinkedQueue<>();
    /** When each thread last submitted work (nanoTime). */
    private final Map<Thread, Long> lastSubmitted = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;
    private final LongConsumer pause;
    /** Held by the leader while it runs a group; the connection and the owner's in-memory state are its. */
    private final ReentrantLock leader = new ReentrantLock();
    private final RepeatedFailures failures =
            new RepeatedFailures(LOG, "store writes", System::nanoTime, Duration.ofMinutes(10));
    private Connection connection; // null while it could not be opened again
    /** The owner's in-memory state may not match the file: reload before running anything. */
    private boolean stale;
    private volatile boolean closing;

    GroupCommitWriter(Connection connection, Owner owner, int maxGroup) {
        this(connection, owner, maxGroup, System::nanoTime, LockSupport::parkNanos);
    }

    /**
     * @param nanoTime what tells a sibling (a thread that submitted lately)
     * @param pause    how a leader waits a moment for its siblings' work
     */
    GroupCommitWriter(Connection connection, Owner owner, int maxGroup, LongSupplier nanoTime, LongConsumer pause) {
        this.nanoTime = nanoTime;
        this.pause = pause;
        this.connection = connection;
        this.owner = owner;
        this.maxGroup = maxGroup;
    }

    /** Runs the work in a committed transaction; the returned future is complete when this returns. */
    <T> CompletableFuture<T> submit(SqlWork<T> work) {
        var job = new Job<>(work, new CompletableFuture<T>());
        if (leader.isHeldByCurrentThread()) {
            // Work submitted from inside work would need a transaction inside the running one.
            job.result().completeExceptionally(new IllegalStateException("store operation nested in another"));
            return job.result();
        }
        queue.add(job);
        lastSubmitted.put(Thread.currentThread(), nanoTime.getAsLong());
        while (!job.result().isDone()) {
            leader.lock();
            try {
                if (!job.result().isDone()) {
                    runQueued();
                }
            } finally {
                leader.unlock();
            }
        }
        return job.result();
    }

    /** Work waiting for a leader. */
    int queued() {
        return queue.size();
    }

    /** Consecutive failed writes, 0 once a write succeeds again. */
    long failuresInARow() {
        return failures.failuresInARow();
    }

    /** As leader: runs the queued work, in groups of at most maxGroup, until the queue is empty. */
    private void runQueued() {
        awaitSiblings();
        var group = new ArrayList<Job<?>>(maxGroup);
        for (Job<?> job = queue.poll(); job != null; job = queue.poll()) {
            if (closing) {
                job.result().completeExceptionally(new IllegalStateException("store is closed"));
                continue;
            }
            group.add(job);
            if (group.size() == maxGroup) {
                runGroup(group);
                group.clear();
            }
        }
        if (!group.isEmpty()) {
            runGroup(group);
        }
    }

    /**
     * Waits a little (at most {@link #GATHER_NANOS}) for the work of other threads that submitted lately, so it
     * shares this commit (one fsync) instead of needing its own right after: pollers on a common grid append one
     * device after another, each a moment after the last commit let them go. A thread appending alone never waits.
     * Nothing is committed later than it would be without the wait by more than that, and nothing returns before its
     * commit.
     */
    private void awaitSiblings() {
        long now = nanoTime.getAsLong();
        int siblings = 0;
        for (var it = lastSubmitted.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (now - e.getValue() > SIBLING_NANOS) {
                it.remove();
            } else if (e.getKey() != Thread.currentThread()) {
                siblings++;
            }
        }
        for (long waited = 0; siblings > 0 && queue.size() <= siblings && waited < GATHER_NANOS;
                waited += GATHER_STEP_NANOS) {
            pause.accept(GATHER_STEP_NANOS);
        }
    }

    private void runGroup(List<Job<?>> group) {
        String unavailable = ready();
        if (unavailable != null) {
            refuse(group, new StoreException(unavailable, null));
            return;
        }
        Lost lost = group.size() == 1 ? tryAlone(group.get(0)) : tryGroup(group);
        if (lost != null && lost.whole() && lost.jobs().size() > 1) {
            // One job may be the one that cannot fit: each alone, so it fails by itself.
            lost = eachAlone(lost);
        }
        String refusal = null;
        for (int attempt = 0; lost != null && attempt < ROOM_ATTEMPTS; attempt++) {
            refusal = makeRoom(lost.cause());
            if (refusal != null) {
                break;
            }
            lost = eachAlone(lost);
        }
        if (lost == null) {
            failures.succeeded();
            return;
        }
        String why = refusal != null ? refusal : "still no room after making room " + ROOM_ATTEMPTS + " times ("
                + lost.cause().getMessage() + ")";
        failures.failed(lost.jobs().size() + " operation(s) not stored: " + why);
        refuse(lost.jobs(), new StoreFullException(why, lost.cause()));
    }

    /** Opens the connection again and reloads the owner's state if an earlier failure left either in doubt. */
    private String ready() {
        try {
            if (connection == null) {
                connection = owner.connect();
            }
            if (stale) {
                owner.reload(connection);
                connection.commit();
                stale = false;
            }
            return null;
        } catch (SQLException | RuntimeException e) {
            failures.failed("the store cannot be read: " + e.getMessage());
            recover(e);
            return "store unavailable: " + e.getMessage();
        }
    }

    /** Runs the group in one transaction and completes its jobs, except those lost for want of room. */
    private Lost tryGroup(List<Job<?>> group) {
        var results = new Object[group.size()];
        var failed = new Throwable[group.size()];
        var roomShort = new ArrayList<Job<?>>();
        SQLException shortCause = null;
        try {
            for (int i = 0; i < group.size(); i++) {
                Savepoint savepoint = connection.setSavepoint();
                try {
                    results[i] = group.get(i).work().run(connection);
                    connection.releaseSavepoint(savepoint);
                } catch (SQLException | RuntimeException e) {
                    owner.forget();
                    try {
                        connection.rollback(savepoint);
                    } catch (SQLException gone) {
                        // SQLite cancelled the whole transaction (it may on SQLITE_FULL): every job of it is lost.
                        gone.addSuppressed(e);
                        throw gone;
                    }
                    if (SqliteErrors.isSpace(e)) {
                        roomShort.add(group.get(i));
                        shortCause = sqlOf(e);
                    } else {
                        failed[i] = e;
                    }
                }
            }
            connection.commit();
        } catch (SQLException e) {
            recover(e);
            return lostOrFailed(group, e);
        }
        for (int i = 0; i < group.size(); i++) {
            if (!roomShort.contains(group.get(i))) {
                complete(group.get(i), results[i], failed[i]);
            }
        }
        return roomShort.isEmpty() ? null : new Lost(roomShort, shortCause, false);
    }

    /**
     * A job alone in its group (the usual case with one appender): its transaction is its savepoint, which saves
     * the two statements a savepoint costs on every append.
     */
    private Lost tryAlone(Job<?> job) {
        Object result;
        try {
            result = job.work().run(connection);
        } catch (SQLException | RuntimeException e) {
            recover(e);
            if (SqliteErrors.isSpace(e)) {
                return new Lost(List.of(job), sqlOf(e), false);
            }
            job.result().completeExceptionally(e);
            return null;
        }
        try {
            connection.commit();
        } catch (SQLException e) {
            recover(e);
            return lostOrFailed(List.of(job), e);
        }
        complete(job, result, null);
        return null;
    }

    /** The jobs of a lost transaction: kept for another try when room was short, failed otherwise. */
    private Lost lostOrFailed(List<Job<?>> jobs, SQLException e) {
        if (SqliteErrors.isSpace(e) || jobs.size() > 1) {
            return new Lost(List.copyOf(jobs), e, true);
        }
        failures.failed("a store transaction failed, nothing of it stored: " + e.getMessage());
        refuse(jobs, new StoreException("store transaction failed, nothing of it stored: " + e.getMessage(), e));
        return null;
    }

    /** Runs each lost job in a transaction of its own; returns those still short of room. */
    private Lost eachAlone(Lost lost) {
        var still = new ArrayList<Job<?>>();
        SQLException cause = lost.cause();
        for (Job<?> job : lost.jobs()) {
            if (ready() != null) {
                still.add(job);
                continue;
            }
            Lost again = tryAlone(job);
            if (again != null) {
                still.add(job);
                cause = again.cause();
            }
        }
        return still.isEmpty() ? null : new Lost(still, cause, false);
    }

    private String makeRoom(SQLException cause) {
        String unavailable = ready();
        if (unavailable != null) {
            return unavailable;
        }
        try {
            String refusal = owner.makeRoom(connection, cause);
            connection.commit();
            return refusal;
        } catch (SQLException | RuntimeException e) {
            recover(e);
            return "store full: no room could be made (" + e.getMessage() + ")";
        }
    }

    /**
     * After a failure: rolls back and starts a fresh transaction, or replaces the connection when SQLite will not
     * (it cancels a transaction itself on a full disk, and an I/O error leaves the connection in doubt). The
     * owner's in-memory state is then read again from the file.
     */
    private void recover(Throwable cause) {
        owner.forget();
        stale = true;
        boolean replace = connection == null || SqliteErrors.isIo(cause);
        if (!replace) {
            try {
                connection.rollback();
            } catch (SQLException e) {
                replace = true;
            }
        }
        if (replace) {
            reconnect();
        }
        if (connection != null) {
            try {
                owner.reload(connection);
                connection.commit();
                stale = false;
            } catch (SQLException | RuntimeException e) {
                owner.forget();
                LOG.debug("store state not read again yet: {}", e.toString());
            }
        }
    }

    private void reconnect() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing the broken store connection: {}", e.toString());
            }
            connection = null;
        }
        try {
            connection = owner.connect();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("store connection not opened again yet: {}", e.toString());
        }
    }

    private static SQLException sqlOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return new SQLException(e.toString(), e);
    }

    private static void refuse(List<Job<?>> jobs, RuntimeException why) {
        for (Job<?> job : jobs) {
            job.result().completeExceptionally(why);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Job<T> job, Object result, Throwable failure) {
        if (failure != null) {
            job.result().completeExceptionally(failure);
        } else {
            job.result().complete((T) result);
        }
    }

    @Override
    public void close() throws SQLException {
        leader.lock();
        try {
            runQueued(); // work already accepted is committed, not dropped
            closing = true;
            if (connection != null) {
                connection.close();
            }
        } finally {
            leader.unlock();
        }
    }
}
