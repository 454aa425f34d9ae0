package io.weir.cloud.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Runs work in one JDBC transaction. SQLite allows a single writer, so with {@code serializeWrites} write
 * transactions queue on a fair in-process lock instead of failing with SQLITE_BUSY; reads never take it (WAL lets
 * them run beside the writer).
 */
public final class Transactor {

    /** Work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final Lock writeLock;

    public Transactor(DataSource dataSource, boolean serializeWrites) {
        this.dataSource = dataSource;
        this.writeLock = serializeWrites ? new ReentrantLock(true) : null;
    }

    /** Commits when {@code work} returns, rolls back when it throws. */
    public <T> T write(Work<T> work) {
        if (writeLock != null) {
            writeLock.lock();
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("database write failed: " + e.getMessage(), e);
        } finally {
            if (writeLock != null) {
                writeLock.unlock();
            }
        }
    }

    /** Runs read-only work in auto-commit mode. */
    public <T> T read(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
