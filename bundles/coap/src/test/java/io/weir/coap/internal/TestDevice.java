package io.weir.coap.internal;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.SystemConfig;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * A field device as the tests play it: a real Californium client endpoint with a Scandium DTLS connector and one
 * pre-shared key, posting SenML to the server on loopback.
 */
final class TestDevice implements AutoCloseable {

    /** Long enough for a handshake on a loaded build machine; a wait, never a sleep. */
    static final long ANSWER_WAIT_MS = 15_000;

    private final CoapEndpoint endpoint;
    private final String uri;

    private TestDevice(CoapEndpoint endpoint, String uri) {
        this.endpoint = endpoint;
        this.uri = uri;
    }

    static TestDevice dtls(InetSocketAddress server, String identity, String key) throws Exception {
        Configuration config = new Configuration(CoapConfig.DEFINITIONS, DtlsConfig.DEFINITIONS,
                UdpConfig.DEFINITIONS, SystemConfig.DEFINITIONS);
        config.set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY);
        config.setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_PSK_WITH_AES_128_CCM_8);
        config.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, 500, TimeUnit.MILLISECONDS);
        config.set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, 2);
        config.set(CoapConfig.ACK_TIMEOUT, 1000, TimeUnit.MILLISECONDS);
        config.set(CoapConfig.MAX_RETRANSMIT, 1);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress("127.0.0.1", 0))
                .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key.getBytes(StandardCharsets.UTF_8)))
                .build();
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(config)
                .setConnector(new DTLSConnector(dtls)).build();
        endpoint.start();
        return new TestDevice(endpoint, "coaps://127.0.0.1:" + server.getPort() + "/report");
    }

    static TestDevice plain(InetSocketAddress server, String identity) throws Exception {
        Configuration config = new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS,
                SystemConfig.DEFINITIONS);
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build();
        endpoint.start();
        return new TestDevice(endpoint, "coap://127.0.0.1:" + server.getPort() + "/report?id=" + identity);
    }

    /** Posts a confirmable report; the answer, or null when none came (a refused handshake). */
    Response post(byte[] payload, int format) throws InterruptedException {
        return send(payload, format, Type.CON);
    }

    Response post(String json) throws InterruptedException {
        return post(json.getBytes(StandardCharsets.UTF_8), SenmlParser.SENML_JSON);
    }

    Response send(byte[] payload, int format, Type type) throws InterruptedException {
        Request request = Request.newPost();
        request.setType(type);
        request.setURI(uri);
        request.setPayload(payload);
        if (format >= 0) {
            request.getOptions().setContentFormat(format);
        }
        endpoint.sendRequest(request);
        return request.waitForResponse(ANSWER_WAIT_MS);
    }

    @Override
    public void close() {
        endpoint.destroy();
    }
}
