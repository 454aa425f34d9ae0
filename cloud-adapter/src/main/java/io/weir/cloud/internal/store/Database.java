package io.weir.cloud.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/**
 * The adapter's database: a HikariCP pool, migrated by Flyway on open. SQLite (the embedded default) runs in WAL
 * mode with full fsync, a busy timeout, and IMMEDIATE transactions so a writer takes the lock when it begins rather
 * than failing half-way; its writes are serialized in-process by the {@link Transactor}.
 */
public final class Database implements AutoCloseable {
    private static final String SQLITE_PREFIX = "jdbc:sqlite:";

    private static final String POSTGRES_PREFIX = "jdbc:postgresql:";

    private final HikariDataSource dataSource;
    private final Transactor transactor;
    private final boolean postgres;

    private Database(HikariDataSource dataSource, boolean sqlite, boolean postgres) {
        this.dataSource = dataSource;
        this.transactor = new Transactor(dataSource, sqlite);
        this.postgres = postgres;
    }

    public static Database open(String jdbcUrl) {
        boolean sqlite = jdbcUrl.startsWith(SQLITE_PREFIX);
        boolean postgres = jdbcUrl.startsWith(POSTGRES_PREFIX);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("weir-cloud-db");
        if (sqlite) {
            createParentDirectory(jdbcUrl.substring(SQLITE_PREFIX.length()));
            config.setMaximumPoolSize(4);
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "FULL");
            config.addDataSourceProperty("busy_timeout", "10000");
            config.addDataSourceProperty("foreign_keys", "true");
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        } else {
            config.setMaximumPoolSize(8);
            if (postgres) {
                // one multi-row INSERT per batch instead of one round trip per reading
                config.addDataSourceProperty("reWriteBatchedInserts", "true");
            }
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .loggers("slf4j")
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource, sqlite, postgres);
    }

    /** True on PostgreSQL, where telemetry is partitioned by month. */
    public boolean isPostgres() {
        return postgres;
    }

    public Transactor transactor() {
        return transactor;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static void createParentDirectory(String location) {
        String path = location.split("\\?", 2)[0];
        if (path.isEmpty() || path.startsWith(":") || path.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the database directory " + parent, e);
        }
    }
}
