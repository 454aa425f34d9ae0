package io.weir.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leader waits a moment for the work of threads that submitted lately (pollers on a common grid), so their work
 * shares its commit; a thread alone never waits. The clock is fixed and the wait is the test's own, so whether the
 * sibling's work arrives during the wait is decided by the test.
 */
class GroupCommitWriterTest {

    @TempDir
    Path dir;

    private final AtomicInteger commits = new AtomicInteger();
    private final ExecutorService sibling = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopSibling() {
        sibling.shutdownNow();
    }

    /** A connection to a new file with one table, counting its commits. */
    private Connection counted() throws SQLException {
        Connection real = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("w.db"));
        try (Statement s = real.createStatement()) {
            s.execute("CREATE TABLE t (x INTEGER)");
        }
        real.setAutoCommit(false);
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commit")) {
                        commits.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static final GroupCommitWriter.Owner OWNER = new GroupCommitWriter.Owner() {
        @Override
        public Connection connect() throws SQLException {
            throw new SQLException("not in this test");
        }

        @Override
        public void forget() {
        }

        @Override
        public void reload(Connection c) {
        }

        @Override
        public String makeRoom(Connection c, SQLException cause) {
            return "not in this test";
        }
    };

    private static SqlWork<Void> insert(int x) {
        return c -> {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO t VALUES (" + x + ")");
            }
            return null;
        };
    }

    private static int rows(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    @Timeout(30)
    void aLeaderWaitsForALatelySeenThreadsWorkAndBothShareOneCommit() throws Exception {
        Connection c = counted();
        var writer = new AtomicReference<GroupCommitWriter>();
        var siblingsSecond = new AtomicReference<Future<?>>();
        LongConsumer pause = nanos -> {
            if (siblingsSecond.get() == null) {
                siblingsSecond.set(sibling.submit(() -> writer.get().submit(insert(2)).join()));
                while (writer.get().queued() < 2) {
                    Thread.onSpinWait(); // the sibling queues its work, then waits for the leader's lock
                }
            }
        };
        writer.set(new GroupCommitWriter(c, OWNER, 512, () -> 0L, pause));
        sibling.submit(() -> writer.get().submit(insert(0)).join()).get();
        int before = commits.get();

        writer.get().submit(insert(1)).join();
        siblingsSecond.get().get();

        assertThat(commits.get() - before).isEqualTo(1);
        assertThat(writer.get().submit(GroupCommitWriterTest::rows).join()).isEqualTo(3);
    }

    @Test
    void aThreadAppendingAloneNeverWaits() throws Exception {
        var writer = new GroupCommitWriter(counted(), OWNER, 512, () -> 0L,
                nanos -> fail("a lone thread waited for siblings it does not have"));

        for (int i = 0; i < 3; i++) {
            writer.submit(insert(i)).join();
        }

        assertThat(commits.get()).isEqualTo(3);
    }
}
