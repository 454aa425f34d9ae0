package io.weir.cloud.internal.deploy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Small JDBC helpers of the deployment and gateway registry tables: parameters bound in order, null-aware reads, times
 * in epoch ms.
 */
public final class Rows {
    private Rows() {
    }

    /** A typed SQL NULL: PostgreSQL refuses a VARCHAR null where a BIGINT belongs. */
    private record Null(int sqlType) {
    }

    /** The value, or a BIGINT null. */
    public static Object bigint(Long value) {
        return value != null ? value : new Null(java.sql.Types.BIGINT);
    }

    /** The value, or an INTEGER null. */
    public static Object integer(Integer value) {
        return value != null ? value : new Null(java.sql.Types.INTEGER);
    }

    @FunctionalInterface
    public interface Mapper<T> {
        T map(ResultSet r) throws SQLException;
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, params)) {
            return s.executeUpdate();
        }
    }

    public static <T> List<T> list(Connection c, String sql, Mapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, params); ResultSet r = s.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(mapper.map(r));
            }
            return rows;
        }
    }

    public static Instant time(ResultSet r, String column) throws SQLException {
        long millis = r.getLong(column);
        return r.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    public static Long nullableLong(ResultSet r, String column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof Instant t) {
                    s.setLong(i + 1, t.toEpochMilli());
                } else if (p instanceof Enum<?> e) {
                    s.setString(i + 1, e.name());
                } else if (p instanceof Null n) {
                    s.setNull(i + 1, n.sqlType());
                } else if (p == null) {
                    s.setNull(i + 1, java.sql.Types.VARCHAR);
                } else {
                    s.setObject(i + 1, p);
                }
            }
            return s;
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
    }
}
