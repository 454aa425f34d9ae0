package io.weir.cloud.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.weir.simulator.postgres.EmbeddedPostgres;

/**
 * The tests' PostgreSQL: one real server per JVM (the simulator's {@link EmbeddedPostgres}, binaries unpacked once
 * into {@code target/postgres-binaries}), durability off as befits a throwaway, stopped when the JVM exits. Each
 * test takes a fresh database from {@link #freshDatabase()}.
 */
public final class TestPostgres {

    private static TestPostgres instance;

    private final EmbeddedPostgres server;

    private TestPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** The shared server, started on first use. */
    public static synchronized TestPostgres get() {
        if (instance == null) {
            Path home = Path.of(System.getProperty("weir.postgres.home",
                    Path.of("target", "postgres-binaries").toAbsolutePath().toString()));
            try {
                EmbeddedPostgres server = EmbeddedPostgres.start(home, false);
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "weir-test-postgres-stop"));
                instance = new TestPostgres(server);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test PostgreSQL", e);
            }
        }
        return instance;
    }

    /** A JDBC URL of a new, empty database on the shared server. */
    public String freshDatabase() {
        return server.freshDatabase();
    }

    public int port() {
        return server.port();
    }

    public String url(String database) {
        return server.url(database);
    }
}
