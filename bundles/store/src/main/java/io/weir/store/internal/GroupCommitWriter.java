package io.weir.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the one SQLite connection and runs all work on one thread. Work that queues up while a transaction
 * commits is run together in the next transaction: one commit (one fsync) for the whole group, and every caller
 * is released only after that commit. Each piece of work runs under its own savepoint, so one failing piece does
 * not undo the others.
 */
final class GroupCommitWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

    private record Job<T>(SqlWork<T> work, CompletableFuture<T> result) {
    }

    private final Connection connection;
    private final SqlWork<?> afterAbort;
    private final int maxGroup;
    private final BlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;

    /**
     * @param afterAbort run, in a fresh transaction, after a group's transaction was lost as a whole, so the owner
     *                   can forget what it remembered of the lost work
     */
    GroupCommitWriter(Connection connection, int maxGroup, String name, SqlWork<?> afterAbort) throws SQLException {
        this.connection = connection;
        this.afterAbort = afterAbort;
        this.maxGroup = maxGroup;
        connection.setAutoCommit(false);
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    <T> CompletableFuture<T> submit(SqlWork<T> work) {
        var job = new Job<>(work, new CompletableFuture<T>());
        if (closing) {
            job.result().completeExceptionally(new IllegalStateException("store is closed"));
            return job.result();
        }
        queue.add(job);
        return job.result();
    }

    private void loop() {
        var group = new ArrayList<Job<?>>(maxGroup);
        while (!closing || !queue.isEmpty()) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                if (closing) {
                    queue.drainTo(group);
                } else {
                    continue;
                }
            }
            queue.drainTo(group, maxGroup - group.size());
            runGroup(group);
            group.clear();
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
        closing = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }
}
