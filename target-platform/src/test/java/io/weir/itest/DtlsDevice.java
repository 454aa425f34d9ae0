package io.weir.itest;

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

/** A battery sensor as the framework test plays it: Scandium with one pre-shared key, posting SenML JSON. */
final class DtlsDevice implements AutoCloseable {

    private static final int SENML_JSON = 110;

    private final CoapEndpoint endpoint;
    private final String uri;

    DtlsDevice(int port, String identity, String key) throws Exception {
        Configuration config = new Configuration(CoapConfig.DEFINITIONS, DtlsConfig.DEFINITIONS,
                UdpConfig.DEFINITIONS, SystemConfig.DEFINITIONS);
        config.set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY);
        config.setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_PSK_WITH_AES_128_CCM_8);
        config.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, 500, TimeUnit.MILLISECONDS);
        config.set(CoapConfig.ACK_TIMEOUT, 1000, TimeUnit.MILLISECONDS);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress("127.0.0.1", 0))
                .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key.getBytes(StandardCharsets.UTF_8)))
                .build();
        endpoint = new CoapEndpoint.Builder().setConfiguration(config).setConnector(new DTLSConnector(dtls)).build();
        endpoint.start();
        uri = "coaps://127.0.0.1:" + port + "/report";
    }

    /** Posts a confirmable SenML JSON report; the answer's raw code (68 is 2.04), or -1 when none came. */
    int report(String senml) throws InterruptedException {
        Request request = Request.newPost();
        request.setType(Type.CON);
        request.setURI(uri);
        request.setPayload(senml.getBytes(StandardCharsets.UTF_8));
        request.getOptions().setContentFormat(SENML_JSON);
        endpoint.sendRequest(request);
        Response response = request.waitForResponse(15_000);
        return response == null ? -1 : response.getRawCode();
    }

    @Override
    public void close() {
        endpoint.destroy();
    }
}
