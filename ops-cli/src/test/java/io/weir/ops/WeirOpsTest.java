package io.weir.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.cloud.CloudAdapter;
import io.weir.cloud.CloudAdapterConfig;
import io.weir.cloud.OpsAccess;
import io.weir.cloud.SecurityOptions;
import io.weir.simulator.broker.EmbeddedBroker;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * weir-ops as an operator uses it, in-process, against a real cloud adapter (SQLite, real broker, real HTTP): the
 * signing key it creates is the one the adapter trusts, the package it builds and signs is the one it registers, and
 * every rollout step goes through the REST API with the operator's token. No gateway is connected, so jobs stay
 * where the operator's steps put them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WeirOpsTest {
    private static final String TOKEN = "weir-ops-test-token-0123456789";
    private static final String PASS = "storepass-123";

    @TempDir
    static Path dir;

    private static EmbeddedBroker broker;
    private static CloudAdapter adapter;
    private static Path keyStore;

    /** What one run printed and returned. */
    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void keyAndAdapter() throws Exception {
        keyStore = dir.resolve("ops.p12");
        Path trusted = Files.createDirectories(dir.resolve("trusted-signers"));
        Run created = run(false, "key", "create", "--keystore", keyStore.toString(), "--storepass=" + PASS,
                "--alias", "ops-2026", "--dname", "CN=County operations", "--cert-out",
                trusted.resolve("ops-2026.pem").toString());
        assertThat(created.exit()).as(created.err()).isZero();
        broker = EmbeddedBroker.start("127.0.0.1", 0);
        adapter = CloudAdapter.start(CloudAdapterConfig.of(broker.url(), "weir-ops-test",
                "jdbc:sqlite:" + dir.resolve("cloud.db"), URI.create("http://127.0.0.1:9/"), "k", "s")
                .withSecurity(SecurityOptions.defaults().withOps(OpsAccess.token(TOKEN))
                        .withGateways(Set.of("gw-1", "gw-2", "gw-3")).withTrustedSigners(trusted)));
    }

    @AfterAll
    static void stop() {
        if (adapter != null) {
            adapter.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void helpVersionAndCompletion() {
        assertThat(run(false, "--version").out()).startsWith("weir-ops ");
        Run help = run(false, "--help");
        assertThat(help.out()).contains("rollout", "package", "gateway", "alarm", "case", "key",
                "generate-completion");
        String completion = run(false, "generate-completion").out();
        assertThat(completion).contains("complete -F").contains("weir-ops").contains("rollout");
        assertThat(run(false, "rollout", "bogus").exit()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void keysAreMadeForCodeSigningAndRotatedBesideTheOldOne() {
        Run rotated = run(false, "key", "rotate", "--keystore", keyStore.toString(), "--storepass=" + PASS,
                "--alias", "ops-2027", "--cert-out", dir.resolve("ops-2027.pem").toString());
        assertThat(rotated.exit()).as(rotated.err()).isZero();
        assertThat(rotated.out()).contains("Rotation, in this order").contains("ops-2026");
        assertThat(dir.resolve("ops-2027.pem")).exists();
        Run list = run(false, "key", "list", "--keystore", keyStore.toString(), "--storepass=" + PASS);
        assertThat(list.out()).contains("ops-2026", "ops-2027", "CN=County operations, valid until").contains(
                "code signing").doesNotContain("NOT for code signing");
        assertThat(run(false, "key", "create", "--keystore", keyStore.toString(), "--storepass=" + PASS,
                "--alias", "ops-2027").err()).contains("already has a key ops-2027");
    }

    @Test
    @Order(3)
    void aPackageIsBuiltSignedRegisteredAndDeletedOnlyWhileNoRolloutNamesIt() throws Exception {
        Path signed = signedPackage("1.0.0");
        Run registered = run(true, "package", "register", signed.toString(), "--url",
                "https://packages.county.example/x-1.0.0.dp");
        assertThat(registered.exit()).as(registered.err()).isZero();
        assertThat(registered.out()).startsWith("registered io.weir.fleet 1.0.0 (sha256 ");
        assertThat(run(true, "package", "list").out()).contains("io.weir.fleet", "1.0.0");
        Path mistake = signedPackage("9.9.9");
        run(true, "package", "register", mistake.toString(), "--url", "https://packages.county.example/x.dp");
        assertThat(run(true, "package", "delete", "io.weir.fleet", "9.9.9").out()).isEqualTo(
                "deleted io.weir.fleet 9.9.9" + System.lineSeparator());
        assertThat(run(true, "package", "list").out()).doesNotContain("9.9.9");
    }

    @Test
    @Order(4)
    void aRolloutIsStartedSteeredAndWatchedThroughTheApi() {
        Run group = run(true, "group", "define", "north", "gw-1", "gw-2", "gw-3", "gw-typo");
        assertThat(group.err()).contains("warning: gw-typo is not registered and was never seen");
        run(true, "group", "define", "north", "gw-1", "gw-2", "gw-3");
        assertThat(run(true, "group", "list").out()).contains("north  gw-1 gw-2 gw-3");

        Run started = run(true, "rollout", "start", "-p", "io.weir.fleet", "-v", "1.0.0", "--group", "north",
                "--waves", "1,50%", "--success-threshold", "50", "--soak", "10m", "--timeout", "20m");
        assertThat(started.exit()).as(started.err()).isZero();
        assertThat(started.out()).contains("CANARY  wave 1/2  0/3 succeeded");
        String id = started.out().substring("started ".length(), started.out().indexOf(' ', "started ".length()));

        assertThat(run(true, "rollout", "pause", id).out()).contains("PAUSED");
        Run again = run(true, "rollout", "pause", id);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("409").contains("is PAUSED");
        assertThat(run(true, "rollout", "resume", id).out()).contains("CANARY");
        assertThat(run(true, "rollout", "list").out()).contains(id, "io.weir.fleet 1.0.0", "group:north", "1/2");
        assertThat(run(true, "rollout", "show", id).out()).contains("gw-1", "wave 1", "gw-3", "WAITING");
        assertThat(run(true, "rollout", "retry", id).err()).contains("no failed, rolled back or timed-out job");
        assertThat(run(true, "rollout", "cancel", id).out()).contains("CANCELLED");

        Run watched = run(true, "rollout", "watch", id, "--interval", "100ms");
        assertThat(watched.exit()).isEqualTo(WeirOps.ROLLOUT_NOT_CLEAN);
        assertThat(watched.out()).contains("CANCELLED").contains("gw-2").contains("cancelled by ops before it was sent");
        assertThat(run(true, "--json", "rollout", "show", id).out()).contains("\"state\" : \"CANCELLED\"");
    }

    @Test
    @Order(5)
    void gatewaysAlarmsAndCasesAreListedAndTheTokenFileMustBeTheOperatorsOwn() throws Exception {
        assertThat(run(true, "gateway", "register", "gw-9", "--note", "Yuxi").out()).isEqualTo("registered gw-9"
                + System.lineSeparator());
        assertThat(run(true, "gateway", "list").out()).contains("gw-9", "yes", "never seen");
        assertThat(run(true, "gateway", "show", "gw-9").err()).contains("404").contains("no inventory");
        assertThat(run(true, "alarm", "list").out()).startsWith("ALARM");
        assertThat(run(true, "case", "list").out()).startsWith("ALARM");

        Path tokenFile = dir.resolve("ops-token");
        Files.writeString(tokenFile, TOKEN);
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-r--r--"));
        Run open = run(false, "--adapter", adapter.httpUri().toString(), "--token-file", tokenFile.toString(),
                "case", "list");
        assertThat(open.exit()).isEqualTo(1);
        assertThat(open.err()).contains("may be read or changed by others").contains("chmod 600");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        assertThat(run(false, "--adapter", adapter.httpUri().toString(), "--token-file", tokenFile.toString(),
                "case", "list").exit()).isZero();
        assertThat(run(false, "--adapter", adapter.httpUri().toString(), "--token", "wrong", "case", "list").err())
                .contains("401");
    }

    private static Path signedPackage(String version) throws Exception {
        Path work = Files.createDirectories(dir.resolve("pkg-" + version));
        Path bundle = work.resolve("io.weir.fleet.sample.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "io.weir.fleet.sample");
        manifest.getMainAttributes().putValue("Bundle-Version", version);
        try (OutputStream out = Files.newOutputStream(bundle); JarOutputStream jar = new JarOutputStream(out,
                manifest)) {
            jar.flush();
        }
        Path unsigned = work.resolve("unsigned.dp");
        Run built = run(false, "package", "build", "--name", "io.weir.fleet", "--version", version, "--out",
                unsigned.toString(), bundle.toString());
        assertThat(built.exit()).as(built.err()).isZero();
        Path signed = work.resolve("io.weir.fleet-" + version + ".dp");
        Run sign = run(false, "package", "sign", "--keystore", keyStore.toString(), "--storepass=" + PASS,
                "--alias", "ops-2026", "--out", signed.toString(), unsigned.toString());
        assertThat(sign.exit()).as(sign.err()).isZero();
        return signed;
    }

    /** Runs weir-ops in-process; {@code toAdapter} adds the adapter's address and the token. */
    private static Run run(boolean toAdapter, String... args) {
        List<String> all = new ArrayList<>();
        if (toAdapter) {
            all.addAll(List.of("--adapter", adapter.httpUri().toString(), "--token", TOKEN));
        }
        all.addAll(List.of(args));
        CommandLine line = WeirOps.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int exit = line.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }
}
