package io.weir.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.weir.api.SiteInfo;
import io.weir.api.store.MessageClass;
import io.weir.testing.Patience;

/**
 * Interop: the uplink against Debian's mosquitto on a loopback listener that accepts TLS only and requires a client
 * certificate. Run by {@code .ci/steps/40-mosquitto-tls.sh}, which makes a throwaway CA, the broker's certificate
 * for 127.0.0.1 and the gateway's client certificate, starts mosquitto and passes:
 * <ul>
 * <li>{@code weir.mosquitto.tls}: the TLS port on 127.0.0.1</li>
 * <li>{@code weir.mosquitto.ca}: the CA certificate (PEM)</li>
 * <li>{@code weir.mosquitto.keystore} and {@code weir.mosquitto.keystore.password}: the gateway's PKCS12</li>
 * </ul>
 * Skipped when they are not given (the ordinary {@code mvn verify}).
 */
@EnabledIfSystemProperty(named = "weir.mosquitto.tls", matches = "\\d+")
class MosquittoTlsTest {

    private static final String GATEWAY = "gw-mosquitto";
    private static final SiteInfo SITE = new SiteInfo(GATEWAY, "62001200", "Yuxi River Station", 30.27, 120.15);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);
    private static final Duration LIMIT = Patience.CHILD_PROCESS;

    private static int port;
    private static TlsOptions gatewayTls;
    private static String gatewayPassword;
    private static String cloudPassword;

    @BeforeAll
    static void settings() {
        port = Integer.parseInt(System.getProperty("weir.mosquitto.tls"));
        gatewayTls = new TlsOptions(required("weir.mosquitto.ca"), "", new char[0], required("weir.mosquitto.keystore"),
                required("weir.mosquitto.keystore.password").toCharArray());
        gatewayPassword = required("weir.mosquitto.gateway.password");
        cloudPassword = required("weir.mosquitto.cloud.password");
    }

    private static String required(String property) {
        String value = System.getProperty(property, "");
        if (value.isBlank()) {
            throw new IllegalStateException("-D" + property + " is required with -Dweir.mosquitto.tls");
        }
        return value;
    }

    private static UplinkOptions options(TlsOptions tls) {
        return options(tls, gatewayPassword);
    }

    /** The gateway's own credentials (user gw-mosquitto), as the site file gives them to the uplink. */
    private static UplinkOptions options(TlsOptions tls, String password) {
        return new UplinkOptions("ssl://127.0.0.1:" + port, "gw-mosquitto", password.toCharArray(),
                List.of("radar-level"), 4, 100, 30, Duration.ofSeconds(1), 0, tls);
    }

    /** The cloud side: a subscriber over the same TLS listener, with the same client certificate. */
    private static final class TlsSubscriber implements AutoCloseable {
        record Message(String topic, String payload, boolean retained) {
        }

        final List<Message> received = new CopyOnWriteArrayList<>();
        private final MqttClient client;

        TlsSubscriber(String filter) throws Exception {
            client = new MqttClient("ssl://127.0.0.1:" + port, "cloud-" + System.nanoTime(), new MemoryPersistence());
            var o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setConnectionTimeout(10);
            o.setSocketFactory(TlsSockets.factory(gatewayTls));
            o.setHttpsHostnameVerificationEnabled(true);
            o.setUserName("weir-cloud");
            o.setPassword(cloudPassword.toCharArray());
            client.connect(o);
            client.subscribe(filter, 1, (topic, m) -> received.add(
                    new Message(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained())));
        }

        List<Message> on(String topic) {
            return received.stream().filter(m -> m.topic().equals(topic)).toList();
        }

        @Override
        public void close() throws MqttException {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }
    }

    @Test
    void publishesBirthMessagesAndCleanDeathThroughMosquittoOverTls() throws Exception {
        String base = "weir/v1/" + GATEWAY + "/";
        try (var cloud = new TlsSubscriber(base + "#")) {
            var store = new FakeStore();
            store.add(MessageClass.ALARM, "{\"id\":\"a-1\"}");
            store.add(MessageClass.TELEMETRY, "{\"id\":\"t-1\"}", "{\"id\":\"t-2\"}");
            var uplink = new MqttUplink(SITE, store, options(gatewayTls), Map.of("weir", "test"), CLOCK);
            try {
                await().atMost(LIMIT).until(uplink::isConnected);
                await().atMost(LIMIT).until(() -> store.confirmed().size() == 2);
                await().atMost(LIMIT).until(() -> !cloud.on(base + "telemetry").isEmpty()
                        && !cloud.on(base + "alarm").isEmpty() && !cloud.on(base + "state").isEmpty());
                assertThat(cloud.on(base + "alarm").get(0).payload()).contains("\"id\":\"a-1\"");
                assertThat(cloud.on(base + "telemetry").get(0).payload())
                        .contains("\"gatewayId\":\"" + GATEWAY + "\"", "\"id\":\"t-1\"", "\"id\":\"t-2\"");
                assertThat(cloud.on(base + "state").get(0).payload()).contains("\"online\":true");
            } finally {
                uplink.stop();
            }
            await().atMost(LIMIT).until(() -> cloud.on(base + "state").stream()
                    .anyMatch(m -> m.payload().contains("\"online\":false") && m.payload().contains("shutdown")));
        }
        // The birth and death are retained: a subscriber arriving later gets the clean death.
        try (var late = new TlsSubscriber(base + "state")) {
            await().atMost(LIMIT).until(() -> !late.received.isEmpty());
            assertThat(late.received.get(0).retained()).isTrue();
            assertThat(late.received.get(0).payload()).contains("\"online\":false", "\"reason\":\"shutdown\"");
        }
    }

    @Test
    void aGatewayWithAWrongPasswordIsRefusedAndKeepsEverythingStored() throws Exception {
        var store = new FakeStore();
        store.add(MessageClass.ALARM, "{\"id\":\"a-refused\"}");
        var uplink = new MqttUplink(SITE, store, options(gatewayTls, "not-" + gatewayPassword), Map.of(), CLOCK);
        try {
            // the broker answers CONNACK 'not authorized'; a raw client with the same wrong password shows it
            var probe = new MqttClient("ssl://127.0.0.1:" + port, "probe-" + System.nanoTime(), new MemoryPersistence());
            var o = new MqttConnectOptions();
            o.setConnectionTimeout(10);
            o.setSocketFactory(TlsSockets.factory(gatewayTls));
            o.setUserName("gw-mosquitto");
            o.setPassword(("not-" + gatewayPassword).toCharArray());
            MqttException refused = assertThrows(MqttException.class,
                    () -> probe.connect(o));
            assertThat(refused.getReasonCode()).isIn((int) MqttException.REASON_CODE_FAILED_AUTHENTICATION,
                    (int) MqttException.REASON_CODE_NOT_AUTHORIZED);
            probe.close();
            assertThat(uplink.isConnected()).isFalse();
            assertThat(store.confirmed()).isEmpty();
            assertThat(store.pending()).isEqualTo(1);
        } finally {
            uplink.stop();
        }
    }

    @Test
    void theThrowawayCaIsNotTrustedByDefaultSoTheBrokerIsRefusedWithoutIt() throws Exception {
        // The JVM's default CAs: mosquitto's certificate, signed by the run's own CA, must not pass.
        var defaults = new TlsOptions("", "", new char[0], gatewayTls.keyStore(), gatewayTls.keyStorePassword());
        try (var socket = (SSLSocket) TlsSockets.factory(defaults).createSocket("127.0.0.1", port)) {
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void mosquittoRefusesAGatewayWithoutAClientCertificate() throws Exception {
        // The probe itself works: with the client certificate the same CONNECT is answered with a CONNACK.
        try (var socket = TlsSockets.factory(gatewayTls).createSocket("127.0.0.1", port)) {
            assertThat(MqttProbe.answerToConnect(socket)).as("answer with a client certificate")
                    .isEqualTo(MqttProbe.CONNACK);
        }
        var noClientCert = new TlsOptions(gatewayTls.caFile(), "", new char[0], "", new char[0]);
        try (var socket = TlsSockets.factory(noClientCert).createSocket("127.0.0.1", port)) {
            assertThat(MqttProbe.answerToConnect(socket)).as("answer without a client certificate")
                    .isNotEqualTo(MqttProbe.CONNACK);
        }
    }

    @Test
    void theListenerSpeaksNoPlainMqtt() throws Exception {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            assertThat(MqttProbe.answerToConnect(socket)).as("answer to a CONNECT in the clear")
                    .isNotEqualTo(MqttProbe.CONNACK);
        }
    }
}
