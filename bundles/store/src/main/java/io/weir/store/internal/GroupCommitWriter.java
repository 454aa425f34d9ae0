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
    private final int maxGroup;
    private final BlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;

    GroupCommitWriter(Connection connection, int maxGroup, String name) throws SQLException {
        this.connection = connection;
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
        var results = new Object[group.size()];
        var failures = new Throwable[group.size()];
        try {
            for (int i = 0; i < group.size(); i++) {
                Savepoint savepoint = connection.setSavepoint();
                try {
                    results[i] = group.get(i).work().run(connection);
                    connection.releaseSavepoint(savepoint);
                } catch (SQLException | RuntimeException e) {
                    connection.rollback(savepoint);
                    failures[i] = e;
                }
            }
            connection.commit();
        } catch (SQLException e) {
            LOG.error("store commit failed, {} operations not stored: {}", group.size(), e.getMessage());
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            var failure = new StoreException("store commit failed: " + e.getMessage(), e);
            group.forEach(job -> job.result().completeExceptionally(failure));
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            complete(group.get(i), results[i], failures[i]);
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
