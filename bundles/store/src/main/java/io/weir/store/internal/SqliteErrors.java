package io.weir.store.internal;

import java.sql.SQLException;

/** What an SQLite error means for the store. */
final class SqliteErrors {

    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_FULL = 13;

    private SqliteErrors() {
    }

    /**
     * True when SQLite ran out of room: the file system is full, the file limit ({@code max_page_count}) is reached,
     * or a write failed with an I/O error, which is how some file systems report a full disk. Extended result codes
     * ({@code SQLITE_IOERR_WRITE} and the like) carry the primary code in their low byte.
     */
    static boolean isSpace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreFullException) {
                return false; // the store's own verdict: making room was tried already
            }
            if (t instanceof SQLException sql) {
                int primary = sql.getErrorCode() & 0xff;
                if (primary == SQLITE_FULL || primary == SQLITE_IOERR) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True for an I/O error: the file system refused a write (or a sync), the disk itself is in question. */
    static boolean isIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() & 0xff) == SQLITE_IOERR) {
                return true;
            }
        }
        return false;
    }

    /** True for SQLITE_FULL as a statement returns it, whatever the cause (disk or file limit). */
    static boolean isFull(SQLException e) {
        return (e.getErrorCode() & 0xff) == SQLITE_FULL;
    }
}
