package io.weir.cloud.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps monthly partitions of the PostgreSQL {@code telemetry} table (see migration V2) ahead of time: the months
 * from {@code behind} before now to {@code ahead} after it. A month must exist before its first reading arrives, or
 * that reading lands in the default partition and the month can no longer be created cheaply. Several adapter
 * instances may run this at once: {@code IF NOT EXISTS} and a per-month retry settle the race.
 */
public final class TelemetryPartitions {
    private static final Pattern NAME = Pattern.compile("telemetry_y(\\d{4})m(\\d{2})");
    private final int behind;
    private final int ahead;

    public TelemetryPartitions(int behind, int ahead) {
        this.behind = behind;
        this.ahead = ahead;
    }

    /** Creates the missing months; returns how many it created. Does nothing on SQLite. */
    public int ensure(Transactor transactor, boolean postgres, Instant now) {
        return ensure(transactor, postgres, now, null);
    }

    /**
     * As {@link #ensure(Transactor, boolean, Instant)}, but never a month that ends before {@code keptFrom}
     * (null: no such limit): retention has dropped, or would drop, such a month.
     */
    public int ensure(Transactor transactor, boolean postgres, Instant now, Instant keptFrom) {
        if (!postgres) {
            return 0;
        }
        YearMonth current = YearMonth.from(now.atZone(ZoneOffset.UTC));
        int created = 0;
        for (int i = -behind; i <= ahead; i++) {
            YearMonth month = current.plusMonths(i);
            if (keptFrom != null && !start(month.plusMonths(1)).isAfter(keptFrom)) {
                continue;
            }
            try {
                if (transactor.write(c -> create(c, month))) {
                    created++;
                }
            } catch (StoreException e) {
                // Another instance created it at the same moment, or the default partition already holds rows of
                // that month (then it stays there, still queryable).
                if (!exists(transactor, month)) {
                    throw e;
                }
            }
        }
        return created;
    }

    /**
     * Drops the monthly partitions that end at or before {@code cutoff}: their every reading is older. Returns the
     * months dropped. Another instance dropping the same month at the same time is harmless.
     */
    public List<YearMonth> dropBefore(Transactor transactor, Instant cutoff) {
        List<YearMonth> months = transactor.read(TelemetryPartitions::months);
        List<YearMonth> dropped = new ArrayList<>();
        for (YearMonth month : months) {
            if (!start(month.plusMonths(1)).isAfter(cutoff)) {
                transactor.write(c -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("DROP TABLE IF EXISTS " + name(month));
                    }
                    return null;
                });
                dropped.add(month);
            }
        }
        return dropped;
    }

    /** The months that have a partition, oldest first. */
    static List<YearMonth> months(Connection c) throws SQLException {
        List<YearMonth> months = new ArrayList<>();
        try (var s = c.prepareStatement("SELECT child.relname FROM pg_inherits i "
                + "JOIN pg_class child ON child.oid = i.inhrelid JOIN pg_class parent ON parent.oid = i.inhparent "
                + "WHERE parent.relname = 'telemetry'"); var r = s.executeQuery()) {
            while (r.next()) {
                Matcher m = NAME.matcher(r.getString(1));
                if (m.matches()) {
                    months.add(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
                }
            }
        }
        months.sort(null);
        return months;
    }

    private static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    static String name(YearMonth month) {
        return String.format("telemetry_y%04dm%02d", month.getYear(), month.getMonthValue());
    }

    private static boolean create(Connection c, YearMonth month) throws SQLException {
        if (exists(c, month)) {
            return false;
        }
        long from = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        long to = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + name(month) + " PARTITION OF telemetry FOR VALUES FROM (" + from
                    + ") TO (" + to + ")");
        }
        return true;
    }

    private static boolean exists(Transactor transactor, YearMonth month) {
        return transactor.read(c -> exists(c, month));
    }

    private static boolean exists(Connection c, YearMonth month) throws SQLException {
        try (var s = c.prepareStatement("SELECT 1 FROM pg_class WHERE relname = ?")) {
            s.setString(1, name(month));
            try (var r = s.executeQuery()) {
                return r.next();
            }
        }
    }
}
