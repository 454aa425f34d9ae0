package io.weir.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.awaitility.core.ConditionFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.cloud.CloudAdapter;
import io.weir.cloud.CloudAdapterConfig;
import io.weir.cloud.DeployOptions;
import io.weir.cloud.OpsAccess;
import io.weir.cloud.SecurityOptions;
import io.weir.cloud.deploy.GatewayInventory;
import io.weir.cloud.deploy.JobState;
import io.weir.cloud.deploy.JobStatus;
import io.weir.cloud.deploy.RolloutState;
import io.weir.cloud.deploy.RolloutStatus;
import io.weir.ops.WeirOps;
import io.weir.simulator.broker.EmbeddedBroker;
import picocli.CommandLine;

/**
 * A rollout across five real gateway processes (the exported runtime jar, each with its own site file, data and
 * identity, all on one broker), driven with weir-ops as operations would: a signing key made for it, a package built,
 * signed, served over HTTPS and registered; a group; a rollout in three waves held to a 50 % success threshold,
 * paused while its canary installs and resumed. One gateway refuses the package (it trusts no signer), one is
 * offline, and the rollout goes through both. Then a technician's uninstall on one gateway shows as drift, and a
 * redeploy repairs it; last, the canary's wave is rolled back, which uninstalls the package where there was none.
 */
class FleetRolloutTest {
    private static final Duration STARTUP = Duration.ofSeconds(240);
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final String TOKEN = "fleet-test-token-0123456789";
    private static final String STOREPASS = "changeit";
    private static final String PACKAGE = "io.weir.fleettest";
    private static final List<String> GATEWAYS = List.of("gw-1", "gw-2", "gw-3", "gw-4", "gw-5");

    @TempDir
    Path work;

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final Map<String, GatewayProcess> gateways = new LinkedHashMap<>();
    private CloudAdapter adapter;

    @AfterEach
    void stopAll() throws Exception {
        for (GatewayProcess gateway : gateways.values()) {
            gateway.stop(Duration.ofSeconds(20));
        }
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private static ConditionFactory within(Duration patience) {
        return await().atMost(patience).pollInterval(Duration.ofMillis(250));
    }

    @Test
    void aRolloutGoesThroughItsWavesPastAFailingAndAnOfflineGatewayAndDriftIsRepaired() throws Exception {
        Path trusted = Files.createDirectories(work.resolve("trusted-signers"));
        ops(0, "key", "create", "--keystore", work.resolve("ops.p12").toString(), "--storepass=" + STOREPASS,
                "--alias", "ops", "--dname", "CN=County operations", "--cert-out", trusted.resolve("ops.pem")
                        .toString());
        Path trustStore = tlsKeys();
        HttpsFiles packages = new HttpsFiles(work.resolve("tls.p12"), STOREPASS.toCharArray());
        opened.add(packages);
        EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0);
        opened.add(broker);
        adapter = CloudAdapter.start(CloudAdapterConfig.of(broker.url(), "weir-cloud-fleet",
                "jdbc:sqlite:" + work.resolve("cloud.db"), java.net.URI.create("http://127.0.0.1:9/"), "k", "s")
                .withDeploy(new DeployOptions(Duration.ofMillis(500), Duration.ofMinutes(5), Duration.ofSeconds(20)))
                .withSecurity(SecurityOptions.defaults().withOps(OpsAccess.token(TOKEN))
                        .withGateways(Set.copyOf(GATEWAYS)).withTrustedSigners(trusted)));
        opened.add(adapter);

        for (String id : GATEWAYS) {
            // gw-4 was installed without the operations certificate: its agent refuses every package
            gateways.put(id, startGateway(id, broker.url(), id.equals("gw-4") ? null : trusted, trustStore));
        }
        within(STARTUP).untilAsserted(() -> assertThat(GATEWAYS).allSatisfy(id -> assertThat(
                adapter.inventory().inventory(id)).as(id + " reported its inventory").isPresent()));
        GatewayInventory reported = adapter.inventory().inventory("gw-1").orElseThrow();
        assertThat(reported.bundles()).containsKeys("io.weir.deploy", "io.weir.uplink", "org.eclipse.osgi");
        assertThat(reported.configDigest()).isEqualTo(sha256(work.resolve("gw-1/conf/site.yaml")));
        assertThat(reported.packages()).isEmpty();
        gateways.remove("gw-5").stop(Duration.ofSeconds(20)); // offline from here on
        within(PATIENCE).until(() -> Boolean.FALSE.equals(adapter.queries().gateway("gw-5").orElseThrow().online()));

        Path dp = signedPackage("1.0.0");
        ops(0, "package", "register", dp.toString(), "--url", packages.put(dp));
        String warned = ops(0, "group", "define", "county", "gw-1", "gw-2", "gw-4", "gw-3", "gw-5", "gw-typo");
        assertThat(warned).contains("warning: gw-typo is not registered and was never seen");
        ops(0, "group", "define", "county", "gw-1", "gw-2", "gw-4", "gw-3", "gw-5");

        String started = ops(0, "rollout", "start", "-p", PACKAGE, "-v", "1.0.0", "--group", "county",
                "--waves", "1,2", "--success-threshold", "50", "--timeout", "60s");
        String id = started.substring("started ".length(), started.indexOf(' ', "started ".length()));
        within(PATIENCE).until(() -> job(id, "gw-1").attempts() > 0); // the canary has its command: now pause
        ops(0, "rollout", "pause", id);
        within(PATIENCE).until(() -> job(id, "gw-1").state() == JobState.SUCCEEDED);
        RolloutStatus paused = rollout(id);
        assertThat(paused.state()).isEqualTo(RolloutState.PAUSED);
        assertThat(paused.jobs()).filteredOn(j -> j.wave() > 1).allSatisfy(j -> {
            assertThat(j.state()).isEqualTo(JobState.WAITING);
            assertThat(j.attempts()).isZero();
        });

        ops(0, "rollout", "resume", id);
        within(PATIENCE).until(() -> rollout(id).state() == RolloutState.FINISHED_WITH_FAILURES);
        RolloutStatus done = rollout(id);
        assertThat(done.jobs()).extracting(JobStatus::gatewayId, JobStatus::wave, JobStatus::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("gw-1", 1, JobState.SUCCEEDED),
                org.assertj.core.groups.Tuple.tuple("gw-2", 2, JobState.SUCCEEDED),
                org.assertj.core.groups.Tuple.tuple("gw-4", 2, JobState.FAILED),
                org.assertj.core.groups.Tuple.tuple("gw-3", 3, JobState.SUCCEEDED),
                org.assertj.core.groups.Tuple.tuple("gw-5", 3, JobState.TIMED_OUT));
        assertThat(job(id, "gw-4").detail()).contains("SIGNATURE").contains("no trusted signers");
        assertThat(job(id, "gw-5").detail()).startsWith("no report from the gateway since the command was first sent");
        String watched = ops(WeirOps.ROLLOUT_NOT_CLEAN, "rollout", "watch", id, "--plain");
        assertThat(watched).contains("FINISHED_WITH_FAILURES  wave 3/3  3/5 succeeded").contains("gw-5")
                .contains("TIMED_OUT");
        within(PATIENCE).until(() -> adapter.inventory().inventory("gw-3").orElseThrow().inSync()
                && adapter.inventory().inventory("gw-3").orElseThrow().packages().containsKey(PACKAGE));

        uninstallOnSite(broker.url(), "gw-2");
        within(PATIENCE).until(() -> !adapter.inventory().inventory("gw-2").orElseThrow().inSync());
        assertThat(adapter.inventory().inventory("gw-2").orElseThrow().drift()).singleElement()
                .satisfies(d -> assertThat(d.kind()).isEqualTo(GatewayInventory.Drift.Kind.PACKAGE_MISSING));
        assertThat(ops(0, "gateway", "show", "gw-2")).contains("DRIFTED").contains("drift PACKAGE_MISSING")
                .contains("weir-ops gateway redeploy gw-2");
        assertThat(ops(0, "gateway", "list")).containsPattern("gw-2 .* 1 \\(weir-ops gateway show gw-2\\)");

        String redeploy = ops(0, "gateway", "redeploy", "gw-2");
        String again = redeploy.substring("started ".length(), redeploy.indexOf(' ', "started ".length()));
        within(PATIENCE).until(() -> rollout(again).state() == RolloutState.SUCCEEDED);
        within(PATIENCE).until(() -> adapter.inventory().inventory("gw-2").orElseThrow().inSync());
        assertThat(ops(0, "gateway", "show", "gw-2")).contains("in sync").contains(PACKAGE + " 1.0.0");

        // the canary's wave rolled back: gw-1 had no such package before, so the adapter uninstalls it
        String back = ops(0, "rollout", "rollback", id, "--wave", "1");
        String rollback = back.substring(0, back.indexOf(' '));
        within(PATIENCE).until(() -> rollout(rollback).state() == RolloutState.SUCCEEDED);
        assertThat(rollout(rollback).jobs()).singleElement().satisfies(j -> {
            assertThat(j.gatewayId()).isEqualTo("gw-1");
            assertThat(j.action()).isEqualTo("UNINSTALL");
        });
        within(PATIENCE).until(() -> !adapter.inventory().inventory("gw-1").orElseThrow().packages()
                .containsKey(PACKAGE));
        assertThat(adapter.inventory().inventory("gw-1").orElseThrow().inSync()).isTrue();
    }

    private GatewayProcess startGateway(String id, String brokerUrl, Path trusted, Path trustStore) throws Exception {
        Path conf = Files.createDirectories(work.resolve(id).resolve("conf"));
        Files.writeString(conf.resolve("site.yaml"), """
                gateway:
                  id: %s
                site:
                  stationCode: "6200130%s"
                  name: Fleet station %s
                  latitude: 30.27
                  longitude: 120.15
                uplink:
                  broker: %s
                """.formatted(id, id.substring(3), id, brokerUrl));
        if (trusted != null) {
            Files.copy(trusted.resolve("ops.pem"), Files.createDirectories(conf.resolve("trusted-signers"))
                    .resolve("ops.pem"));
        }
        // the package server's certificate is the one CA this gateway trusts for downloads (download-ca.pem)
        Files.copy(trustStore.resolveSibling("tls.pem"), conf.resolve("download-ca.pem"));
        var layout = new GatewayProcess.Layout(Path.of(System.getProperty("weir.gateway.jar")),
                conf.resolve("site.yaml"), Path.of(System.getProperty("weir.profiles.dir")),
                work.resolve(id).resolve("data"), work.resolve(id).resolve("gateway.log"));
        return GatewayProcess.start(layout, null, "-Dweir.console.port=0");
    }

    /** A technician removes the package on site; the cloud did not ask for it. */
    private static void uninstallOnSite(String brokerUrl, String gatewayId) throws Exception {
        MqttClient technician = new MqttClient(brokerUrl, "technician-" + gatewayId, new MemoryPersistence());
        technician.connect(new MqttConnectOptions());
        try {
            String command = "{\"v\":1,\"requestId\":\"site-1\",\"expiresAt\":\""
                    + Instant.now().plus(Duration.ofMinutes(10)) + "\",\"args\":{\"jobId\":\"site-1\",\"name\":\""
                    + PACKAGE + "\"}}";
            technician.publish("weir/v1/" + gatewayId + "/cmd/deploy-uninstall",
                    command.getBytes(StandardCharsets.UTF_8), 1, false);
        } finally {
            technician.disconnect();
            technician.close();
        }
    }

    /** The package: one tiny bundle, built and signed with weir-ops. */
    private Path signedPackage(String version) throws Exception {
        Path dir = Files.createDirectories(work.resolve("package"));
        Path bundle = dir.resolve(PACKAGE + ".sample-" + version + ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", PACKAGE + ".sample");
        manifest.getMainAttributes().putValue("Bundle-Version", version);
        try (OutputStream out = Files.newOutputStream(bundle); JarOutputStream jar = new JarOutputStream(out,
                manifest)) {
            jar.flush();
        }
        Path unsigned = dir.resolve("unsigned.dp");
        ops(0, "package", "build", "--name", PACKAGE, "--version", version, "--out", unsigned.toString(),
                bundle.toString());
        Path signed = dir.resolve(PACKAGE + "-" + version + ".dp");
        ops(0, "package", "sign", "--keystore", work.resolve("ops.p12").toString(), "--storepass=" + STOREPASS,
                "--alias", "ops", "--out", signed.toString(), unsigned.toString());
        return signed;
    }

    /** The package server's TLS key (for 127.0.0.1) and the trust store the gateways check it with. */
    private Path tlsKeys() throws Exception {
        Path keyStore = work.resolve("tls.p12");
        Path pem = work.resolve("tls.pem");
        Path trustStore = work.resolve("tls-trust.p12");
        keytool("-genkeypair", "-alias", "tls", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", keyStore.toString(), "-storetype",
                "PKCS12", "-storepass", STOREPASS);
        keytool("-exportcert", "-rfc", "-alias", "tls", "-keystore", keyStore.toString(), "-storepass", STOREPASS,
                "-file", pem.toString());
        keytool("-importcert", "-noprompt", "-alias", "tls", "-file", pem.toString(), "-keystore",
                trustStore.toString(), "-storetype", "PKCS12", "-storepass", STOREPASS);
        return trustStore;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("keytool " + args[0] + ": " + output).isZero();
    }

    /** Runs weir-ops against the adapter with the operator's token; answers what it printed (out and err). */
    private String ops(int exit, String... args) {
        List<String> all = new ArrayList<>();
        if (adapter != null) {
            all.addAll(List.of("--adapter", adapter.httpUri().toString(), "--token", TOKEN));
        }
        all.addAll(List.of(args));
        CommandLine line = WeirOps.commandLine();
        StringWriter out = new StringWriter();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(out, true));
        assertThat(line.execute(all.toArray(String[]::new))).as("weir-ops " + String.join(" ", args) + ": " + out)
                .isEqualTo(exit);
        return out.toString();
    }

    private RolloutStatus rollout(String id) {
        return adapter.deployments().rollout(id).orElseThrow();
    }

    private JobStatus job(String rolloutId, String gatewayId) {
        return rollout(rolloutId).activeJobs().stream().filter(j -> j.gatewayId().equals(gatewayId)).findFirst()
                .orElseThrow();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
