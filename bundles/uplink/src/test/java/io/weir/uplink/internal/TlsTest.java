package io.weir.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.api.SiteInfo;
import io.weir.api.store.MessageClass;
import io.weir.testing.Patience;

/**
 * The uplink over ssl:// against a broker that requires a client certificate: certificates made with keytool for
 * the run (a CA, the broker's for 127.0.0.1, the gateway's), and Artemis with a TLS listener beside a plain one
 * for the test's cloud subscriber.
 */
class TlsTest {

    private static final String PASSWORD = "test-only";
    private static final SiteInfo SITE = new SiteInfo("gw-tls", "62001200", "Yuxi River Station", 30.27, 120.15);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path dir;
    private static ActiveMQServer server;
    private static int tlsPort;
    private static int plainPort;

    @BeforeAll
    static void certificatesAndBroker() throws Exception {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=weir test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "trust.p12");
        signed("broker", "CN=127.0.0.1", "SAN=ip:127.0.0.1");
        signed("gateway", "CN=gw-tls", "EKU=clientAuth");
        // A CA that signed nothing here: a gateway trusting only it must refuse the broker.
        keytool("-genkeypair", "-alias", "other", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=other CA", "-ext", "bc:c", "-validity", "2", "-keystore", "other.p12");
        keytool("-exportcert", "-rfc", "-alias", "other", "-keystore", "other.p12", "-file", "other.pem");

        var config = new ConfigurationImpl();
        config.setPersistenceEnabled(false);
        config.setSecurityEnabled(false);
        config.setJMXManagementEnabled(false);
        config.setCriticalAnalyzer(false);
        config.setMaxDiskUsage(-1);
        config.setJournalDirectory(dir.resolve("journal").toString());
        config.setBindingsDirectory(dir.resolve("bindings").toString());
        config.setPagingDirectory(dir.resolve("paging").toString());
        config.setLargeMessagesDirectory(dir.resolve("large").toString());
        config.setNodeManagerLockDirectory(dir.resolve("lock").toString());
        config.addAcceptorConfiguration("mqtts", "tcp://127.0.0.1:0?protocols=MQTT;useEpoll=false;useKQueue=false;"
                + "sslEnabled=true;keyStorePath=" + dir.resolve("broker.p12") + ";keyStorePassword=" + PASSWORD
                + ";needClientAuth=true;trustStorePath=" + dir.resolve("trust.p12") + ";trustStorePassword="
                + PASSWORD);
        config.addAcceptorConfiguration("mqtt", "tcp://127.0.0.1:0?protocols=MQTT;useEpoll=false;useKQueue=false");
        server = ActiveMQServers.newActiveMQServer(config, false);
        server.start();
        tlsPort = ((NettyAcceptor) server.getRemotingService().getAcceptor("mqtts")).getActualPort();
        plainPort = ((NettyAcceptor) server.getRemotingService().getAcceptor("mqtt")).getActualPort();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private static void signed(String name, String dname, String ext) throws Exception {
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-validity", "2", "-keystore", name + ".p12");
        keytool("-certreq", "-alias", name, "-keystore", name + ".p12", "-file", name + ".csr");
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-infile", name + ".csr", "-outfile",
                name + ".pem", "-ext", ext, "-validity", "2");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", name + ".p12");
        keytool("-importcert", "-noprompt", "-alias", name, "-file", name + ".pem", "-keystore", name + ".p12");
    }

    private static void keytool(String... args) throws Exception {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }

    private static UplinkOptions options(TlsOptions tls) {
        return new UplinkOptions("ssl://127.0.0.1:" + tlsPort, "", new char[0], List.of(), 4, 100, 30,
                Duration.ofSeconds(1), 0, tls);
    }

    private static TlsOptions withCa(String caFile) {
        return new TlsOptions(dir.resolve(caFile).toString(), "", new char[0], dir.resolve("gateway.p12").toString(),
                PASSWORD.toCharArray());
    }

    @Test
    void publishesOverTlsWithAVerifiedBrokerAndAClientCertificate() throws Exception {
        try (var cloud = new Subscriber("tcp://127.0.0.1:" + plainPort, "weir/v1/gw-tls/#")) {
            var store = new FakeStore();
            store.add(MessageClass.ALARM, "{\"id\":\"a-1\"}");
            var uplink = new MqttUplink(SITE, store, options(withCa("ca.pem")), Map.of(), CLOCK);
            try {
                await().atMost(Patience.LOCAL).until(() -> store.confirmed().size() == 1);
                await().atMost(Patience.LOCAL).until(() -> !cloud.on("weir/v1/gw-tls/alarm").isEmpty());
                assertThat(cloud.on("weir/v1/gw-tls/alarm").get(0).payload()).contains("\"id\":\"a-1\"");
            } finally {
                uplink.stop();
            }
        }
    }

    @Test
    void mutualTlsFromPemFilesAsTheSiteFileNamesThem() throws Exception {
        // the gateway's certificate (gateway.pem, signed by the CA) and its key as PKCS#8 PEM, mode 600
        var key = (java.security.PrivateKey) java.security.KeyStore.getInstance(dir.resolve("gateway.p12").toFile(),
                PASSWORD.toCharArray()).getKey("gateway", PASSWORD.toCharArray());
        Path keyFile = java.nio.file.Files.writeString(dir.resolve("gateway.key"), "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        java.nio.file.Files.setPosixFilePermissions(keyFile,
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        var tls = new TlsOptions(dir.resolve("ca.pem").toString(), "", new char[0], "", new char[0],
                dir.resolve("gateway.pem").toString(), keyFile.toString());
        var uplink = new MqttUplink(SITE, new FakeStore(), options(tls), Map.of(), CLOCK);
        try {
            await().atMost(Duration.ofSeconds(20)).until(uplink::isConnected);
        } finally {
            uplink.stop();
        }
    }

    @Test
    void aTrustStoreWorksLikeACaFile() throws Exception {
        var tls = new TlsOptions("", dir.resolve("trust.p12").toString(), PASSWORD.toCharArray(),
                dir.resolve("gateway.p12").toString(), PASSWORD.toCharArray());
        var uplink = new MqttUplink(SITE, new FakeStore(), options(tls), Map.of(), CLOCK);
        try {
            await().atMost(Patience.LOCAL).until(uplink::isConnected);
        } finally {
            uplink.stop();
        }
    }

    @Test
    void aBrokerWhoseCertificateTheGatewayDoesNotTrustIsRefused() throws Exception {
        try (var socket = (SSLSocket) TlsSockets.factory(withCa("other.pem")).createSocket("127.0.0.1", tlsPort)) {
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void withoutAClientCertificateTheBrokerRefusesTheGateway() throws Exception {
        // The probe itself works: with the client certificate the same CONNECT is answered with a CONNACK.
        try (var socket = TlsSockets.factory(withCa("ca.pem")).createSocket("127.0.0.1", tlsPort)) {
            assertThat(MqttProbe.answerToConnect(socket)).as("answer with a client certificate")
                    .isEqualTo(MqttProbe.CONNACK);
        }
        var noClientCert = new TlsOptions(dir.resolve("ca.pem").toString(), "", new char[0], "", new char[0]);
        try (var socket = TlsSockets.factory(noClientCert).createSocket("127.0.0.1", tlsPort)) {
            assertThat(MqttProbe.answerToConnect(socket)).as("answer without a client certificate")
                    .isNotEqualTo(MqttProbe.CONNACK);
        }
    }
}
