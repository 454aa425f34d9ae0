package io.weir.store.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of work run on the store's writer thread, inside the transaction of its group. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
