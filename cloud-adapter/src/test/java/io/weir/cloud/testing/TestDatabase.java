package io.weir.cloud.testing;

import java.nio.file.Path;

/** The databases every storage test runs against: the embedded default and production's. */
public enum TestDatabase {
    SQLITE {
        @Override
        public String jdbcUrl(Path dir) {
            return "jdbc:sqlite:" + dir.resolve("weir-cloud.db");
        }
    },
    POSTGRESQL {
        @Override
        public String jdbcUrl(Path dir) {
            return TestPostgres.get().freshDatabase();
        }
    };

    /** A new, empty database; {@code dir} is the test's scratch directory (SQLite keeps its file there). */
    public abstract String jdbcUrl(Path dir);
}
