package io.weir.store.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Makes the store's SQLite connections fail the way a full disk makes them fail, at chosen points: where no small
 * file system can be mounted, this is how the store's recovery is exercised. A commit that fails cancels the
 * transaction inside SQLite first, as SQLite does on SQLITE_FULL, so the driver is left believing in a transaction
 * that no longer exists.
 */
final class FaultyConnections implements UnaryOperator<Connection> {

    enum Fault {
        /** Commits fail with SQLITE_FULL after SQLite cancelled the transaction. */
        FULL_ON_COMMIT(SQLiteErrorCode.SQLITE_FULL),
        /** Commits fail with a disk I/O error after SQLite cancelled the transaction. */
        IOERR_ON_COMMIT(SQLiteErrorCode.SQLITE_IOERR_WRITE),
        /** Inserts fail with SQLITE_FULL; the transaction survives (a statement-level error). */
        FULL_ON_INSERT(SQLiteErrorCode.SQLITE_FULL);

        final SQLiteErrorCode code;

        Fault(SQLiteErrorCode code) {
            this.code = code;
        }
    }

    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger injected = new AtomicInteger();
    private volatile Fault fault;
    /** The connection's transaction has written (only the store's writer thread uses a connection). */
    private volatile boolean wrote;
    private final AtomicInteger remaining = new AtomicInteger();

    /** The next {@code times} chances to fail fail with {@code f} ({@link Integer#MAX_VALUE}: until cleared). */
    void fail(Fault f, int times) {
        remaining.set(times);
        fault = f;
    }

    void clear() {
        fault = null;
    }

    private boolean due(Fault f) {
        if (fault != f) {
            return false;
        }
        if (remaining.getAndDecrement() <= 0) {
            fault = null;
            return false;
        }
        injected.incrementAndGet();
        return true;
    }

    @Override
    public Connection apply(Connection real) {
        opened.incrementAndGet();
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            Fault current = fault;
            boolean wrote = this.wrote;
            if (name.equals("commit") || name.equals("rollback")) {
                this.wrote = false;
            }
            // Only a transaction that wrote needs room to commit; reads go on working on a full disk.
            if (name.equals("commit") && wrote && current != null && current != Fault.FULL_ON_INSERT
                    && due(current)) {
                try (Statement s = real.createStatement()) {
                    s.execute("ROLLBACK"); // what SQLite does by itself when the disk is full
                }
                throw new SQLiteException("injected: " + current, current.code);
            }
            Object result = invoke(real, method, args);
            if (name.equals("prepareStatement") && result instanceof PreparedStatement ps) {
                return statement(ps);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    private PreparedStatement statement(PreparedStatement real) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("executeBatch") || method.getName().startsWith("executeUpdate")) {
                wrote = true;
            }
            if (method.getName().equals("executeBatch") && due(Fault.FULL_ON_INSERT)) {
                real.clearBatch();
                throw new SQLiteException("injected: database or disk is full", SQLiteErrorCode.SQLITE_FULL);
            }
            return invoke(real, method, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, handler);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args)
            throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
