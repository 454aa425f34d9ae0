package io.weir.deploy.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;

import io.weir.api.GatewayEvent;
import io.weir.api.GatewayEventListener;
import io.weir.api.command.CommandHandler;
import io.weir.api.command.StatusProvider;
import io.weir.deploy.itest.sample.Broken;
import io.weir.deploy.itest.sample.Healthy;
import io.weir.deploy.packaging.DeploymentPackageReader;
import io.weir.deploy.packaging.DeploymentPackageSigner;
import io.weir.deploy.packaging.DeploymentPackageWriter;
import io.weir.deploy.packaging.OsgiVersion;
import io.weir.deploy.packaging.PackageContent;
import io.weir.deploy.packaging.PackageHeaders;
import io.weir.deploy.packaging.ResourceFile;
import io.weir.deploy.packaging.VersionRange;

/**
 * The deploy agent in Equinox with Felix Deployment Admin: packages built and signed with weir-deployment-packages,
 * served over HTTPS by a JDK server whose certificate keytool made, pushed with the deploy commands.
 */
class DeployAgentIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String AGENT = "io.weir.deploy.internal.DeployAgentComponent";

    private static final BundleContext context = FrameworkUtil.getBundle(DeployAgentIT.class).getBundleContext();
    private static final List<GatewayEvent> events = new CopyOnWriteArrayList<>();
    private static Path work;
    private static Path dataDir;
    private static Path operations;
    private static Path stranger;
    private static PackageServer server;
    private static ServiceRegistration<GatewayEventListener> listener;

    @BeforeAll
    static void gateway() throws Exception {
        work = Files.createDirectories(Path.of(context.getProperty("weir.itest.dir")));
        dataDir = Path.of(context.getProperty("weir.data.dir"));
        operations = Keys.keyPair(work, "ops", "CN=Weir operations,O=County");
        stranger = Keys.keyPair(work, "stranger", "CN=Stranger");
        Path tls = Keys.keyPair(work, "tls", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1");
        server = new PackageServer(Keys.serverContext(tls));
        listener = context.registerService(GatewayEventListener.class, events::add, null);

        ConfigurationAdmin configAdmin = service(ConfigurationAdmin.class);
        Configuration config = configAdmin.getConfiguration("io.weir.deploy", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("trustStore", Keys.trustStoreFor(work, operations, "ops").toString());
        properties.put(".trustStorePassword", Keys.PASSWORD);
        properties.put("httpsTrustStore", Keys.trustStoreFor(work, tls, "tls").toString());
        properties.put(".httpsTrustStorePassword", Keys.PASSWORD);
        properties.put("workDir", dataDir.resolve("deploy").toString());
        properties.put("healthTimeoutSeconds", 10);
        config.update(properties);
        await().atMost(WAIT).until(() -> agentConfigured());
    }

    @AfterAll
    static void stop() {
        listener.unregister();
        server.close();
    }

    @Test
    void installsAPackageWithResourcesReportingEveryStepThenUninstallsIt() throws Exception {
        Path siteFile = Path.of(context.getProperty("weir.site.file"));
        Files.createDirectories(siteFile.getParent());
        Files.writeString(siteFile, "gateway: {id: before-the-package}\n");
        Path profile = Files.writeString(work.resolve("radar.yaml"), "id: itest-radar\nmodel: R1\n");
        Path site = Files.writeString(work.resolve("site.yaml"), "gateway: {id: from-the-package}\n");
        Path dp = signed(operations, "ops", "itest.install", "1.0.0",
                List.of(TinyBundles.bundle(work, "itest.install.a", "1.0.0", Healthy.class)),
                List.of(ResourceFile.weir("profiles/itest-radar.yaml", profile),
                        ResourceFile.weir("site/site.yaml", site)), List.of("itest.install.a.component"));

        String reply = install("job-install", dp, "itest.install", "1.0.0");

        assertThat(reply).contains("\"accepted\":true").contains("\"jobId\":\"job-install\"");
        awaitFinal("job-install");
        assertThat(types("job-install")).containsSubsequence("DEPLOY_ACCEPTED", "DEPLOY_DOWNLOADING",
                "DEPLOY_DOWNLOADED", "DEPLOY_VERIFIED", "DEPLOY_INSTALLED", "DEPLOY_SUCCEEDED");
        assertThat(event("job-install", "DEPLOY_VERIFIED").details())
                .containsEntry("signer", "CN=Weir operations,O=County")
                .containsEntry("name", "itest.install").containsEntry("version", "1.0.0");
        assertThat(event("job-install", "DEPLOY_SUCCEEDED").source()).isEqualTo("deploy");
        assertThat(bundle("itest.install.a")).hasValueSatisfying(b -> assertThat(b.getState()).isEqualTo(Bundle.ACTIVE));
        assertThat(Path.of(context.getProperty("weir.profiles.dir")).resolve("itest-radar.yaml"))
                .hasContent("id: itest-radar\nmodel: R1");
        assertThat(siteFile).hasContent("gateway: {id: from-the-package}");
        assertThat(command("deploy-list", Map.of())).contains("{\"name\":\"itest.install\",\"version\":\"1.0.0\"}");
        assertThat(status()).contains("\"jobId\":\"job-install\",\"state\":\"SUCCEEDED\"");
        // the same job again: harmless, reports where it is
        assertThat(install("job-install", dp, "itest.install", "1.0.0")).contains("\"state\":\"SUCCEEDED\"");

        command("deploy-uninstall", Map.of("jobId", "job-uninstall", "name", "itest.install"));

        awaitFinal("job-uninstall");
        assertThat(types("job-uninstall")).containsExactly("DEPLOY_ACCEPTED", "DEPLOY_UNINSTALLED");
        assertThat(bundle("itest.install.a")).isEmpty();
        assertThat(siteFile).hasContent("gateway: {id: before-the-package}");
        assertThat(Path.of(context.getProperty("weir.profiles.dir")).resolve("itest-radar.yaml")).doesNotExist();
    }

    @Test
    void upgradesToANewVersion() throws Exception {
        installAndSucceed("job-upgrade-1", "itest.upgrade", "1.0.0", Healthy.class);

        installAndSucceed("job-upgrade-2", "itest.upgrade", "1.1.0", Healthy.class);

        assertThat(installedVersion("itest.upgrade")).hasValue("1.1.0");
        assertThat(bundle("itest.upgrade.a")).hasValueSatisfying(
                b -> assertThat(b.getVersion().toString()).isEqualTo("1.1.0"));
    }

    @Test
    void appliesAFixPackThatShipsOnlyWhatChanged() throws Exception {
        Path a = TinyBundles.bundle(work, "itest.fix.a", "1.0.0", Healthy.class);
        Path b = TinyBundles.bundle(work, "itest.fix.b", "1.0.0", Healthy.class);
        Path base = signed(operations, "ops", "itest.fix", "1.0.0", List.of(a, b), List.of(), List.of());
        install("job-fix-1", base, "itest.fix", "1.0.0");
        awaitFinal("job-fix-1");
        Path unsignedFix = work.resolve("itest.fix-1.0.1-unsigned.dp");
        DeploymentPackageWriter.write(new PackageHeaders("itest.fix", OsgiVersion.parse("1.0.1"), Optional.empty(),
                Optional.of(VersionRange.parse("[1.0.0,1.0.1)"))), new PackageContent(
                List.of(TinyBundles.bundle(work, "itest.fix.b", "1.0.1", Healthy.class)), List.of(),
                Optional.of(DeploymentPackageReader.read(base))), unsignedFix);
        Path fix = work.resolve("itest.fix-1.0.1.dp");
        new DeploymentPackageSigner(DeploymentPackageSigner.loadKey(operations, Keys.PASSWORD.toCharArray(), "ops",
                Keys.PASSWORD.toCharArray()), "weir").sign(unsignedFix, fix);

        install("job-fix-2", fix, "itest.fix", "1.0.1");

        awaitFinal("job-fix-2");
        assertThat(types("job-fix-2")).as(events.toString()).endsWith("DEPLOY_SUCCEEDED");
        assertThat(installedVersion("itest.fix")).hasValue("1.0.1");
        assertThat(bundle("itest.fix.a")).hasValueSatisfying(
                bundle -> assertThat(bundle.getVersion().toString()).isEqualTo("1.0.0"));
        assertThat(bundle("itest.fix.b")).hasValueSatisfying(
                bundle -> assertThat(bundle.getVersion().toString()).isEqualTo("1.0.1"));
    }

    @Test
    void rollsABrokenUpdateBackToThePreviousVersion() throws Exception {
        installAndSucceed("job-rollback-1", "itest.rollback", "1.0.0", Healthy.class);
        Path broken = signed(operations, "ops", "itest.rollback", "1.1.0",
                List.of(TinyBundles.bundle(work, "itest.rollback.a", "1.1.0", Broken.class)), List.of(), List.of());

        install("job-rollback-2", broken, "itest.rollback", "1.1.0");

        awaitFinal("job-rollback-2");
        assertThat(types("job-rollback-2")).containsSubsequence("DEPLOY_INSTALLED", "DEPLOY_ROLLED_BACK");
        assertThat((String) event("job-rollback-2", "DEPLOY_ROLLED_BACK").details().get("reason"))
                .contains("component itest.rollback.a.component failed to activate");
        assertThat(installedVersion("itest.rollback")).hasValue("1.0.0");
        assertThat(bundle("itest.rollback.a")).hasValueSatisfying(b -> {
            assertThat(b.getVersion().toString()).isEqualTo("1.0.0");
            assertThat(b.getState()).isEqualTo(Bundle.ACTIVE);
        });
    }

    @Test
    void aBrokenFirstInstallIsUninstalled() throws Exception {
        Path broken = signed(operations, "ops", "itest.firstbroken", "1.0.0",
                List.of(TinyBundles.bundle(work, "itest.firstbroken.a", "1.0.0", Broken.class)), List.of(), List.of());

        install("job-firstbroken", broken, "itest.firstbroken", "1.0.0");

        awaitFinal("job-firstbroken");
        assertThat(types("job-firstbroken")).endsWith("DEPLOY_ROLLED_BACK");
        assertThat(installedVersion("itest.firstbroken")).isEmpty();
        assertThat(bundle("itest.firstbroken.a")).isEmpty();
    }

    @Test
    void refusesATamperedPackage() throws Exception {
        Path dp = signed(operations, "ops", "itest.tampered", "1.0.0",
                List.of(TinyBundles.bundle(work, "itest.tampered.a", "1.0.0", Healthy.class)), List.of(), List.of());
        Path tampered = replaceEntry(dp, "bundles/itest.tampered.a-1.0.0.jar",
                Files.readAllBytes(TinyBundles.bundle(work, "itest.tampered.a", "1.0.0", Broken.class)));

        assertRefused("job-tampered", tampered, "itest.tampered", "SIGNATURE", "package was changed after signing");
    }

    @Test
    void refusesAnUnsignedPackage() throws Exception {
        Path unsigned = unsigned("itest.unsigned", "1.0.0",
                List.of(TinyBundles.bundle(work, "itest.unsigned.a", "1.0.0", Healthy.class)), List.of(), List.of());

        assertRefused("job-unsigned", unsigned, "itest.unsigned", "SIGNATURE", "package is not signed");
    }

    @Test
    void refusesAPackageSignedByAnUntrustedKey() throws Exception {
        Path dp = signed(stranger, "stranger", "itest.untrusted", "1.0.0",
                List.of(TinyBundles.bundle(work, "itest.untrusted.a", "1.0.0", Healthy.class)), List.of(), List.of());

        assertRefused("job-untrusted", dp, "itest.untrusted", "SIGNATURE", "signer CN=Stranger is not trusted");
    }

    @Test
    void refusesAPackageWhoseHashIsNotTheOneAnnounced() throws Exception {
        Path dp = signed(operations, "ops", "itest.hash", "1.0.0",
                List.of(TinyBundles.bundle(work, "itest.hash.a", "1.0.0", Healthy.class)), List.of(), List.of());
        server.put("hash.dp", Files.readAllBytes(dp));

        command("deploy-install", Map.of("jobId", "job-hash", "url", server.url("hash.dp"), "sha256", "0".repeat(64),
                "name", "itest.hash", "version", "1.0.0"));

        awaitFinal("job-hash");
        assertThat(event("job-hash", "DEPLOY_FAILED").details()).containsEntry("step", "HASH");
        assertThat((String) event("job-hash", "DEPLOY_FAILED").details().get("reason"))
                .startsWith("SHA-256 mismatch: expected " + "0".repeat(64) + " got ");
    }

    @Test
    void aDownloadInterruptedByARestartResumesWhereItStopped() throws Exception {
        Path dp = signed(operations, "ops", "itest.resume", "1.0.0",
                List.of(TinyBundles.bundle(work, "itest.resume.a", "1.0.0", Healthy.class)), List.of(), List.of());
        byte[] bytes = Files.readAllBytes(dp);
        server.put("resume.dp", bytes);
        server.stallOnce("resume.dp", 500);
        Path partial = dataDir.resolve("deploy/downloads/job-resume.part");

        command("deploy-install", Map.of("jobId", "job-resume", "url", server.url("resume.dp"), "sha256",
                sha256(bytes), "name", "itest.resume", "version", "1.0.0"));
        await().atMost(WAIT).until(() -> Files.exists(partial) && Files.size(partial) == 500);
        Bundle agent = bundle("io.weir.deploy").orElseThrow();
        agent.stop();
        agent.start();

        awaitFinal("job-resume");
        assertThat(types("job-resume")).endsWith("DEPLOY_SUCCEEDED");
        assertThat(server.requests()).contains("/resume.dp -", "/resume.dp bytes=500-");
        assertThat(installedVersion("itest.resume")).hasValue("1.0.0");
    }

    // ---- helpers ----

    private static void assertRefused(String jobId, Path dp, String name, String step, String reason)
            throws Exception {
        install(jobId, dp, name, "1.0.0");

        awaitFinal(jobId);
        GatewayEvent failed = event(jobId, "DEPLOY_FAILED");
        assertThat(failed.details()).containsEntry("step", step);
        assertThat((String) failed.details().get("reason")).contains(reason);
        assertThat(types(jobId)).doesNotContain("DEPLOY_VERIFIED", "DEPLOY_INSTALLED");
        assertThat(installedVersion(name)).isEmpty();
    }

    private static void installAndSucceed(String jobId, String name, String version, Class<?> impl) throws Exception {
        Path dp = signed(operations, "ops", name, version,
                List.of(TinyBundles.bundle(work, name + ".a", version, impl)), List.of(), List.of());
        install(jobId, dp, name, version);
        awaitFinal(jobId);
        assertThat(types(jobId)).as(events.toString()).endsWith("DEPLOY_SUCCEEDED");
    }

    private static String install(String jobId, Path dp, String name, String version) throws Exception {
        byte[] bytes = Files.readAllBytes(dp);
        String path = jobId + ".dp";
        server.put(path, bytes);
        return command("deploy-install", Map.of("jobId", jobId, "url", server.url(path), "sha256", sha256(bytes),
                "name", name, "version", version));
    }

    private static Path unsigned(String name, String version, List<Path> bundles, List<ResourceFile> resources,
            List<String> expected) throws Exception {
        Path dp = work.resolve(name + "-" + version + "-unsigned.dp");
        DeploymentPackageWriter.write(new PackageHeaders(name, OsgiVersion.parse(version), Optional.of(name),
                Optional.empty(), expected), new PackageContent(bundles, resources, Optional.empty()), dp);
        return dp;
    }

    private static Path signed(Path keyStore, String alias, String name, String version, List<Path> bundles,
            List<ResourceFile> resources, List<String> expected) throws Exception {
        Path unsigned = unsigned(name, version, bundles, resources, expected);
        Path signed = work.resolve(name + "-" + version + "-" + alias + ".dp");
        new DeploymentPackageSigner(DeploymentPackageSigner.loadKey(keyStore, Keys.PASSWORD.toCharArray(), alias,
                Keys.PASSWORD.toCharArray()), "weir").sign(unsigned, signed);
        return signed;
    }

    private static Path replaceEntry(Path jar, String name, byte[] content) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        entries.put(name, content);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                zipEntry.setMethod(ZipEntry.STORED);
                CRC32 crc = new CRC32();
                crc.update(entry.getValue());
                zipEntry.setCrc(crc.getValue());
                zipEntry.setSize(entry.getValue().length);
                zip.putNextEntry(zipEntry);
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return Files.write(jar.resolveSibling("tampered-" + jar.getFileName()), bytes.toByteArray());
    }

    private static String command(String name, Map<String, String> args) throws Exception {
        await().atMost(WAIT).until(() -> !context.getServiceReferences(CommandHandler.class,
                "(" + CommandHandler.NAME + "=" + name + ")").isEmpty());
        ServiceReference<CommandHandler> ref = context.getServiceReferences(CommandHandler.class,
                "(" + CommandHandler.NAME + "=" + name + ")").iterator().next();
        CommandHandler handler = context.getService(ref);
        try {
            return handler.handle(args);
        } finally {
            context.ungetService(ref);
        }
    }

    private static String status() throws Exception {
        Collection<ServiceReference<StatusProvider>> refs = context.getServiceReferences(StatusProvider.class,
                "(" + StatusProvider.NAME + "=deploy)");
        ServiceReference<StatusProvider> ref = refs.iterator().next();
        try {
            return context.getService(ref).statusJson();
        } finally {
            context.ungetService(ref);
        }
    }

    private static void awaitFinal(String jobId) {
        await().atMost(WAIT).until(() -> types(jobId).stream().anyMatch(type -> List.of("DEPLOY_SUCCEEDED",
                "DEPLOY_FAILED", "DEPLOY_ROLLED_BACK", "DEPLOY_UNINSTALLED").contains(type)));
    }

    private static List<String> types(String jobId) {
        List<String> types = new ArrayList<>();
        for (GatewayEvent event : events) {
            if (jobId.equals(event.details().get("jobId"))) {
                types.add(event.type());
            }
        }
        return types;
    }

    private static GatewayEvent event(String jobId, String type) {
        return events.stream().filter(e -> jobId.equals(e.details().get("jobId")) && e.type().equals(type))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " for " + jobId + " in " + events));
    }

    private static Optional<String> installedVersion(String name) {
        DeploymentAdmin admin = service(DeploymentAdmin.class);
        DeploymentPackage dp = admin.getDeploymentPackage(name);
        return dp == null ? Optional.empty() : Optional.of(dp.getVersion().toString());
    }

    private static Optional<Bundle> bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return Optional.of(bundle);
            }
        }
        return Optional.empty();
    }

    private static boolean agentConfigured() {
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (description.name.equals(AGENT)) {
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    if (configuration.state == ComponentConfigurationDTO.ACTIVE
                            && configuration.properties.containsKey("trustStore")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static <T> T service(Class<T> type) {
        await().atMost(WAIT).until(() -> context.getServiceReference(type) != null);
        return context.getService(context.getServiceReference(type));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

}
