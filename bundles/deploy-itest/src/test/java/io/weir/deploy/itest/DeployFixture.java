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
import io.weir.deploy.packaging.DeploymentPackageSigner;
import io.weir.deploy.packaging.DeploymentPackageWriter;
import io.weir.deploy.packaging.OsgiVersion;
import io.weir.deploy.packaging.PackageContent;
import io.weir.deploy.packaging.PackageHeaders;
import io.weir.deploy.packaging.ResourceFile;

/**
 * The gateway the deploy tests push to: the agent in this framework, configured once with the operations key's
 * certificate as its trusted signer and the package server's certificate as its download CA; an HTTPS package
 * server; every gateway event the agent reports; and the steps the tests take (build, sign, serve, install, wait).
 */
final class DeployFixture {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String AGENT = "io.weir.deploy.internal.DeployAgentComponent";
    /** The largest package the itest gateway downloads. */
    static final int MAX_PACKAGE_MIB = 4;

    static final BundleContext context = FrameworkUtil.getBundle(DeployFixture.class).getBundleContext();
    static final List<GatewayEvent> events = new CopyOnWriteArrayList<>();
    static Path work;
    static Path dataDir;
    static Path operations;
    static Path stranger;
    static Path tls;
    static PackageServer server;
    private static ServiceRegistration<GatewayEventListener> listener;

    private DeployFixture() {
    }

    /** Starts the package server and listens to the agent's events; the agent is configured the first time. */
    static synchronized void start() throws Exception {
        if (work == null) {
            work = Files.createDirectories(Path.of(context.getProperty("weir.itest.dir")));
            dataDir = Path.of(context.getProperty("weir.data.dir"));
            operations = Keys.keyPair(work, "ops", "CN=Weir operations,O=County", "-ext", "EKU=codeSigning");
            stranger = Keys.keyPair(work, "stranger", "CN=Stranger", "-ext", "EKU=codeSigning");
            tls = Keys.keyPair(work, "tls", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1");
            ConfigurationAdmin configAdmin = service(ConfigurationAdmin.class);
            Configuration config = configAdmin.getConfiguration("io.weir.deploy", "?");
            Dictionary<String, Object> properties = new Hashtable<>();
            Path signers = Files.createDirectories(work.resolve("trusted-signers"));
            Files.copy(Keys.certificate(work, operations, "ops"), signers.resolve("ops.pem"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            properties.put("trustedCertificates", signers.toString());
            properties.put("httpsCaFile", Keys.certificate(work, tls, "tls").toString());
            properties.put("healthTimeoutSeconds", 10);
            properties.put("maxPackageMiB", MAX_PACKAGE_MIB);
            config.update(properties);
            await().atMost(WAIT).until(() -> agentConfigured());
        }
        server = new PackageServer(Keys.serverContext(tls));
        listener = context.registerService(GatewayEventListener.class, events::add, null);
    }

    static synchronized void stop() {
        listener.unregister();
        server.close();
    }

    static void assertRefused(String jobId, Path dp, String name, String step, String reason)
            throws Exception {
        install(jobId, dp, name, "1.0.0");

        awaitFinal(jobId);
        GatewayEvent failed = event(jobId, "DEPLOY_FAILED");
        assertThat(failed.details()).containsEntry("step", step);
        assertThat((String) failed.details().get("reason")).contains(reason);
        assertThat(types(jobId)).doesNotContain("DEPLOY_VERIFIED", "DEPLOY_INSTALLED");
        assertThat(installedVersion(name)).isEmpty();
    }

    static void installAndSucceed(String jobId, String name, String version, Class<?> impl) throws Exception {
        Path dp = signed(operations, "ops", name, version,
                List.of(TinyBundles.bundle(work, name + ".a", version, impl)), List.of(), List.of());
        install(jobId, dp, name, version);
        awaitFinal(jobId);
        assertThat(types(jobId)).as(events.toString()).endsWith("DEPLOY_SUCCEEDED");
    }

    static String install(String jobId, Path dp, String name, String version) throws Exception {
        byte[] bytes = Files.readAllBytes(dp);
        String path = jobId + ".dp";
        server.put(path, bytes);
        return command("deploy-install", Map.of("jobId", jobId, "url", server.url(path), "sha256", sha256(bytes),
                "name", name, "version", version));
    }

    static Path unsigned(String name, String version, List<Path> bundles, List<ResourceFile> resources,
            List<String> expected) throws Exception {
        return unsigned(new PackageHeaders(name, OsgiVersion.parse(version), Optional.of(name), Optional.empty(),
                expected), bundles, resources);
    }

    static Path unsigned(PackageHeaders headers, List<Path> bundles, List<ResourceFile> resources) throws Exception {
        Path dp = work.resolve(headers.symbolicName() + "-" + headers.version() + "-unsigned.dp");
        DeploymentPackageWriter.write(headers, new PackageContent(bundles, resources, Optional.empty()), dp);
        return dp;
    }

    static Path signed(Path keyStore, String alias, String name, String version, List<Path> bundles,
            List<ResourceFile> resources, List<String> expected) throws Exception {
        return sign(unsigned(name, version, bundles, resources, expected), keyStore, alias);
    }

    /** Signs {@code unsigned} with the key {@code alias}; the signed package is named after the unsigned one. */
    static Path sign(Path unsigned, Path keyStore, String alias) throws Exception {
        Path signed = unsigned.resolveSibling(unsigned.getFileName().toString().replace("-unsigned.dp",
                "-" + alias + ".dp"));
        new DeploymentPackageSigner(DeploymentPackageSigner.loadKey(keyStore, Keys.PASSWORD.toCharArray(), alias,
                Keys.PASSWORD.toCharArray()), "weir").sign(unsigned, signed);
        return signed;
    }

    static Path replaceEntry(Path jar, String name, byte[] content) throws Exception {
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

    static String command(String name, Map<String, String> args) throws Exception {
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

    static String status() throws Exception {
        Collection<ServiceReference<StatusProvider>> refs = context.getServiceReferences(StatusProvider.class,
                "(" + StatusProvider.NAME + "=deploy)");
        ServiceReference<StatusProvider> ref = refs.iterator().next();
        try {
            return context.getService(ref).statusJson();
        } finally {
            context.ungetService(ref);
        }
    }

    static void awaitFinal(String jobId) {
        await().atMost(WAIT).until(() -> types(jobId).stream().anyMatch(type -> List.of("DEPLOY_SUCCEEDED",
                "DEPLOY_FAILED", "DEPLOY_ROLLED_BACK", "DEPLOY_UNINSTALLED").contains(type)));
    }

    static List<String> types(String jobId) {
        List<String> types = new ArrayList<>();
        for (GatewayEvent event : events) {
            if (jobId.equals(event.details().get("jobId"))) {
                types.add(event.type());
            }
        }
        return types;
    }

    static GatewayEvent event(String jobId, String type) {
        return events.stream().filter(e -> jobId.equals(e.details().get("jobId")) && e.type().equals(type))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " for " + jobId + " in " + events));
    }

    static Optional<String> installedVersion(String name) {
        DeploymentAdmin admin = service(DeploymentAdmin.class);
        DeploymentPackage dp = admin.getDeploymentPackage(name);
        return dp == null ? Optional.empty() : Optional.of(dp.getVersion().toString());
    }

    static Optional<Bundle> bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return Optional.of(bundle);
            }
        }
        return Optional.empty();
    }

    static boolean agentConfigured() {
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (description.name.equals(AGENT)) {
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    if (configuration.state == ComponentConfigurationDTO.ACTIVE
                            && configuration.properties.containsKey("trustedCertificates")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static <T> T service(Class<T> type) {
        await().atMost(WAIT).until(() -> context.getServiceReference(type) != null);
        return context.getService(context.getServiceReference(type));
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

}
