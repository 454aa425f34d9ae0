package io.weir.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the one SQLite connection. Work is queued and run by whichever caller holds the writer's lock (the leader):
 * it runs everything queued in one transaction, one commit (one fsync) for the whole group, and every caller is
 * released only after the commit that holds its work. Callers that arrive while a group commits queue behind it
 * and the next leader takes them all together; a lone caller commits its own work on its own thread, with no
 * hand-off to another thread and back. Each piece of work in a larger group runs under its own savepoint, so one
 * failing piece does not undo the others.
 */
final class GroupCommitWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

    private record Job<T>(SqlWork<T> work, CompletableFuture<T> result) {
    }

    private final Connection connection;
    private final SqlWork<?> afterAbort;
    private final Runnable onRollback;
    private final int maxGroup;
    private final Queue<Job<?>> queue = new ConcurrentLinkedQueue<>();
    /** Held by the leader while it runs a group; the connection and the owner's in-memory state are its. */
    private final ReentrantLock leader = new ReentrantLock();
    private volatile boolean closing;

    /**
     * @param afterAbort run, in a fresh transaction, after a group's transaction was lost as a whole, so the owner
     *                   can forget what it remembered of the lost work
     */
    GroupCommitWriter(Connection connection, int maxGroup, SqlWork<?> afterAbort, Runnable onRollback)
            throws SQLException {
        this.connection = connection;
        this.afterAbort = afterAbort;
        this.onRollback = onRollback;
        this.maxGroup = maxGroup;
        connection.setAutoCommit(false);
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

    /** As leader: runs the queued work, in groups of at most maxGroup, until the queue is empty. */
    private void runQueued() {
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

    private void runGroup(List<Job<?>> group) {
        StoreException abort = tryGroup(group);
        if (abort == null) {
            return;
        }
        if (group.size() == 1) {
            group.get(0).result().completeExceptionally(abort);
            return;
        }
        // The transaction was lost as a whole: run each job alone, so one that cannot fit fails by itself.
        for (Job<?> job : group) {
            StoreException alone = tryGroup(List.of(job));
            if (alone != null) {
                job.result().completeExceptionally(alone);
            }
        }
    }

    /** Runs the group in one transaction and completes its jobs; if that transaction was lost, says why. */
    private StoreException tryGroup(List<Job<?>> group) {
        if (group.size() == 1) {
            return tryAlone(group.get(0));
        }
        var results = new Object[group.size()];
        var failures = new Throwable[group.size()];
        try {
            for (int i = 0; i < group.size(); i++) {
                Savepoint savepoint = connection.setSavepoint();
                try {
                    results[i] = group.get(i).work().run(connection);
                    connection.releaseSavepoint(savepoint);
                } catch (SQLException | RuntimeException e) {
                    failures[i] = e;
                    onRollback.run();
                    try {
                        connection.rollback(savepoint);
                    } catch (SQLException gone) {
                        // SQLite cancelled the whole transaction (it may on SQLITE_FULL): every job of it is lost.
                        gone.addSuppressed(e);
                        throw gone;
                    }
                }
            }
            connection.commit();
        } catch (SQLException e) {
            LOG.error("store transaction failed, {} operations not stored: {}", group.size(), e.getMessage());
            try {
                onRollback.run();
                connection.rollback();
                afterAbort.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException recoveryFailure) {
                e.addSuppressed(recoveryFailure);
            }
            Throwable first = null;
            for (Throwable f : failures) {
                first = first == null ? f : first;
            }
            return first instanceof StoreFullException full ? full
                    : new StoreException("store transaction failed, nothing of it stored: "
                            + (first != null ? first.getMessage() : e.getMessage()), first != null ? first : e);
        }
        for (int i = 0; i < group.size(); i++) {
            complete(group.get(i), results[i], failures[i]);
        }
        return null;
    }

    /**
     * A job alone in its group (the usual case with one appender): its transaction is its savepoint, which saves
     * the two statements a savepoint costs on every append. A failure rolls it back, brings the in-memory state
     * back to what the file holds, and fails only this job.
     */
    private StoreException tryAlone(Job<?> job) {
        Object result;
        try {
            result = job.work().run(connection);
        } catch (SQLException | RuntimeException e) {
            try {
                onRollback.run();
                connection.rollback();
                afterAbort.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException recoveryFailure) {
                e.addSuppressed(recoveryFailure);
            }
            job.result().completeExceptionally(e);
            return null;
        }
        try {
            connection.commit();
        } catch (SQLException e) {
            LOG.error("store transaction failed, 1 operation not stored: {}", e.getMessage());
            try {
                onRollback.run();
                connection.rollback();
                afterAbort.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException recoveryFailure) {
                e.addSuppressed(recoveryFailure);
            }
            return new StoreException("store transaction failed, nothing of it stored: " + e.getMessage(), e);
        }
        complete(job, result, null);
        return null;
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
            connection.close();
        } finally {
            leader.unlock();
        }
    }
}
