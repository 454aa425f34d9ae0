package io.weir.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.weir.demo.sample.Deployed;
import io.weir.deploy.packaging.DeploymentPackageSigner;
import io.weir.deploy.packaging.DeploymentPackageWriter;
import io.weir.deploy.packaging.OsgiVersion;
import io.weir.deploy.packaging.PackageContent;
import io.weir.deploy.packaging.PackageHeaders;
import io.weir.simulator.broker.EmbeddedBroker;
import io.weir.simulator.field.FieldDeviceServer;

/**
 * A signed deployment package installed over MQTT into the gateway process is still installed, with its
 * component active, after the JVM is stopped and a new one started: the framework storage is kept in the data
 * directory, and the launcher does not put the exported jar's bundles back over it.
 */
class DeployedPackageSurvivesRestartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "changeit";
    private static final String GATEWAY = "gw-deploy";
    private static final String PACKAGE = "weir.sample";
    private static final Pattern HEALTHY = Pattern.compile("runtime healthy: .* (\\d+)/\\1 DS components satisfied");

    private int componentsBefore;

    @TempDir
    Path work;

    @Test
    void anInstalledPackageAndItsComponentSurviveARestart() throws Exception {
        Path operations = keyPair("ops", "CN=Weir operations", "-ext", "EKU=codeSigning");
        Path serverKeys = keyPair("server", "CN=localhost", "-ext", "SAN=dns:localhost");
        byte[] dp = signedPackage(operations);

        List<String> log = new CopyOnWriteArrayList<>();
        Map<String, JsonNode> replies = new ConcurrentHashMap<>();
        try (var field = FieldDeviceServer.start("127.0.0.1", 0);
             var broker = EmbeddedBroker.start("127.0.0.1", 0);
             var packages = new Server(serverKeys, dp)) {
            var layout = new GatewayProcess.Layout(Path.of(System.getProperty("weir.gateway.jar")),
                    work.resolve("conf/site.yaml"), Path.of(System.getProperty("weir.profiles.dir")),
                    work.resolve("data"), work.resolve("gateway.log"));
            Files.createDirectories(layout.siteFile().getParent().resolve("trusted-signers"));
            exportCertificate(operations, "ops", layout.siteFile().getParent().resolve("trusted-signers/ops.pem"));
            // the deploy agent trusts the package server's certificate alone, never the JVM's CAs
            exportCertificate(serverKeys, "server", layout.siteFile().getParent().resolve("download-ca.pem"));
            Files.writeString(layout.siteFile(), SiteFile.riverStation(GATEWAY, "127.0.0.1", field.port(),
                    broker.url(), "1s"));
            var cloud = new MqttClient(broker.url(), "cloud-deploy", new MemoryPersistence());
            var options = new MqttConnectOptions();
            options.setCleanSession(true);
            cloud.connect(options);
            List<String> events = new CopyOnWriteArrayList<>();
            cloud.subscribe("weir/v1/" + GATEWAY + "/event", 1,
                    (topic, message) -> events.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
            cloud.subscribe("weir/v1/" + GATEWAY + "/reply/+", 1,
                    (topic, message) -> replies.put(topic.substring(topic.lastIndexOf('/') + 1),
                            JSON.readTree(message.getPayload())));

            try (GatewayProcess first = GatewayProcess.start(layout, log::add)) {
                awaitHealthy(log);
                int baseline = satisfiedComponents(log);
                command(cloud, "install-1", "deploy-install", Map.of("jobId", "job-1", "url", packages.url(),
                        "sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(dp)),
                        "name", PACKAGE, "version", "1.0.0"));
                await("the package installed").atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() -> {
                    command(cloud, "list-" + System.nanoTime(), "deploy-list", Map.of());
                    return replies.values().stream().anyMatch(DeployedPackageSurvivesRestartTest::listsThePackage);
                });
                await("the deploy agent's verdict").atMost(PATIENCE)
                        .until(() -> events.stream().anyMatch(e -> e.contains("DEPLOY_SUCCEEDED")));
                await("the deployed component satisfied").atMost(PATIENCE)
                        .until(() -> satisfiedComponents(log) == baseline + 1);
                componentsBefore = baseline + 1;
            }
            assertThat(log).anyMatch(l -> l.contains("runtime stopped cleanly"));
            assertThat(componentsBefore).isPositive();

            log.clear();
            replies.clear();
            try (GatewayProcess second = GatewayProcess.start(layout, log::add)) {
                awaitHealthy(log);
                command(cloud, "list-after-restart", "deploy-list", Map.of());
                await("deploy-list after the restart").atMost(PATIENCE)
                        .until(() -> replies.containsKey("list-after-restart"));
                assertThat(listsThePackage(replies.get("list-after-restart")))
                        .as("deploy-list after the restart: %s", replies.get("list-after-restart")).isTrue();
                await("as many components satisfied as before the restart, the deployed one included")
                        .atMost(PATIENCE).until(() -> satisfiedComponents(log) == componentsBefore);
            }
            cloud.disconnect();
            cloud.close();
        }
    }

    private static void awaitHealthy(List<String> log) {
        await("runtime healthy").atMost(PATIENCE).until(() -> log.stream().anyMatch(l -> l.contains("runtime healthy")));
    }

    /** "n" of the last "runtime healthy: ..., n/n DS components satisfied" line; -1 before there is one. */
    private static int satisfiedComponents(List<String> log) {
        int satisfied = -1;
        for (String line : log) {
            Matcher m = HEALTHY.matcher(line);
            if (m.find()) {
                satisfied = Integer.parseInt(m.group(1));
            }
        }
        return satisfied;
    }

    private static boolean listsThePackage(JsonNode reply) {
        for (JsonNode p : reply.path("result").path("packages")) {
            if (PACKAGE.equals(p.path("name").asText()) && "1.0.0".equals(p.path("version").asText())) {
                return true;
            }
        }
        return false;
    }

    private static void command(MqttClient cloud, String requestId, String name, Map<String, String> args)
            throws Exception {
        byte[] body = JSON.writeValueAsBytes(Map.of("v", 1, "requestId", requestId, "args", args,
                "expiresAt", java.time.Instant.now().plus(Duration.ofMinutes(10)).toString()));
        cloud.publish("weir/v1/" + GATEWAY + "/cmd/" + name, new MqttMessage(body));
    }

    private byte[] signedPackage(Path keys) throws Exception {
        Path bundle = work.resolve(PACKAGE + "-1.0.0.jar");
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", PACKAGE);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Service-Component", "OSGI-INF/component.xml");
        String classFile = Deployed.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(bundle); var jar = new JarOutputStream(out, manifest);
             InputStream classBytes = Deployed.class.getClassLoader().getResourceAsStream(classFile)) {
            jar.putNextEntry(new ZipEntry("OSGI-INF/component.xml"));
            jar.write(("<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.4.0\" name=\"" + PACKAGE
                    + ".component\" immediate=\"true\"><implementation class=\"" + Deployed.class.getName()
                    + "\"/></scr:component>").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
            jar.putNextEntry(new ZipEntry(classFile));
            classBytes.transferTo(jar);
            jar.closeEntry();
        }
        Path unsigned = work.resolve("unsigned.dp");
        DeploymentPackageWriter.write(new PackageHeaders(PACKAGE, OsgiVersion.parse("1.0.0"), Optional.of(PACKAGE),
                Optional.empty(), List.of(PACKAGE + ".component")),
                new PackageContent(List.of(bundle), List.of(), Optional.empty()), unsigned);
        Path signed = work.resolve("signed.dp");
        new DeploymentPackageSigner(DeploymentPackageSigner.loadKey(keys, PASSWORD.toCharArray(), "ops",
                PASSWORD.toCharArray()), "weir").sign(unsigned, signed);
        return Files.readAllBytes(signed);
    }

    private Path keyPair(String alias, String dname, String... extra) throws Exception {
        Path store = work.resolve(alias + ".p12");
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", dname, "-validity", "30", "-keystore", store.toString(), "-storetype",
                "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        args.addAll(List.of(extra));
        keytool(args);
        return store;
    }

    private void exportCertificate(Path store, String alias, Path pem) throws Exception {
        keytool(List.of("-exportcert", "-rfc", "-alias", alias, "-keystore", store.toString(), "-storepass",
                PASSWORD, "-file", pem.toString()));
    }

    private static void keytool(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool " + args + " failed: " + output);
        }
    }

    /** The package over HTTPS on a port the system picks, as an operations server would serve it. */
    private static final class Server implements AutoCloseable {
        private final HttpsServer server;

        Server(Path keyStore, byte[] dp) throws Exception {
            KeyStore store = KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD.toCharArray());
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(keys.getKeyManagers(), null, null);
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(ssl));
            server.createContext("/sample.dp", exchange -> {
                try (exchange) {
                    exchange.sendResponseHeaders(200, dp.length);
                    exchange.getResponseBody().write(dp);
                }
            });
            server.start();
        }

        String url() {
            return "https://localhost:" + server.getAddress().getPort() + "/sample.dp";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
