package io.weir.coap.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.SystemConfig;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.util.Filter;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.DTLSContext;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.eclipse.californium.scandium.dtls.Handshaker;
import org.eclipse.californium.scandium.dtls.SessionListener;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.security.LogThrottle;

/**
 * The Californium and Scandium part: a CoAP server with one DTLS 1.2 endpoint (PSK only, keys from the
 * registry) and, only when configured for a lab, a plain endpoint. Its {@link Configuration} is built here from the
 * options, never {@code Configuration.getStandard()}: no global state, no {@code Californium3.properties} file.
 */
final class CaliforniumServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CaliforniumServer.class);

    /** The suites NB-IoT modules and libcoap offer with a PSK; CCM_8 is the one LwM2M requires. */
    private static final CipherSuite[] PSK_SUITES = {
        CipherSuite.TLS_PSK_WITH_AES_128_CCM_8,
        CipherSuite.TLS_PSK_WITH_AES_128_CCM,
        CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256,
    };

    private static final long TERMINATE_WAIT_SECONDS = 5;
    /** Lines that any host can cause (unknown identities, failed handshakes) are let through once a minute. */
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);

    private final CoapServer server;
    private final DTLSConnector dtls;
    private final CoapEndpoint secure;
    private final CoapEndpoint plain; // null unless a lab asked for it
    private final DeviceRegistry registry;
    private final Consumer<String> revoke;

    CaliforniumServer(ServerOptions options, DeviceRegistry registry, ReportHandler handler, Counters counters,
                      Clock clock) throws UnknownHostException {
        this.registry = registry;
        Configuration config = configuration(options);
        InetAddress bind = options.bindAddress().isEmpty() ? null : InetAddress.getByName(options.bindAddress());
        DtlsConnectorConfig dtlsConfig = DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress(bind, options.port()))
                .setAdvancedPskStore(new RegistryPskStore(registry, counters, new LogThrottle(clock, LOG_EVERY)))
                .setSessionListener(new HandshakeFailures(counters, new LogThrottle(clock, LOG_EVERY)))
                .setDatagramFilter(new KeyMismatchFilter(config, counters, new LogThrottle(clock, LOG_EVERY)))
                .setLoggingTag("weir-coap")
                .build();
        this.dtls = new DTLSConnector(dtlsConfig);
        this.secure = new CoapEndpoint.Builder().setConfiguration(config).setConnector(dtls).build();
        TooLarge tooLarge = new TooLarge(counters, new LogThrottle(clock, LOG_EVERY), options.maxPayloadBytes());
        secure.addInterceptor(tooLarge);
        this.server = new CoapServer(config);
        server.addEndpoint(secure);
        if (options.plainEnabled()) {
            plain = new CoapEndpoint.Builder().setConfiguration(config)
                    .setInetSocketAddress(new InetSocketAddress(bind, options.labPlainPort())).build();
            plain.addInterceptor(tooLarge);
            server.addEndpoint(plain);
        } else {
            plain = null;
        }
        server.add(new ReportResource(handler, options.plainEnabled()));
        this.revoke = this::closeSessionsOf;
        registry.onRevoked(revoke);
    }

    static Configuration configuration(ServerOptions options) {
        Configuration config = new Configuration(CoapConfig.DEFINITIONS, DtlsConfig.DEFINITIONS, UdpConfig.DEFINITIONS,
                SystemConfig.DEFINITIONS);
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, options.maxPayloadBytes());
        config.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, options.threads());
        config.set(CoapConfig.MAX_ACTIVE_PEERS, options.maxConnections());
        config.set(DtlsConfig.DTLS_ROLE, DtlsRole.SERVER_ONLY);
        config.set(DtlsConfig.DTLS_MAX_CONNECTIONS, options.maxConnections());
        config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, Math.max(1, Math.min(options.threads(), 2)));
        config.setAsList(DtlsConfig.DTLS_CIPHER_SUITES, PSK_SUITES);
        return config;
    }

    void start() {
        server.start();
        LOG.info("CoAP server: coaps (DTLS 1.2, pre-shared keys) on udp {}; {} devices registered",
                secure.getAddress(), registry.size());
        if (plain != null) {
            LOG.warn("!!! PLAIN CoAP IS ON (labPlainPort) on udp {}: reports there are neither encrypted nor"
                    + " authenticated, any host can report as any device. For a lab only: never in the field !!!",
                    plain.getAddress());
        }
    }

    InetSocketAddress secureAddress() {
        return secure.getAddress();
    }

    InetSocketAddress plainAddress() {
        return plain == null ? null : plain.getAddress();
    }

    /** Drops the DTLS sessions of an identity that was removed or rekeyed: its next report needs a new handshake. */
    private void closeSessionsOf(String identity) {
        Filter<Principal> filter = p -> p instanceof PreSharedKeyIdentity psk && psk.getIdentity().equals(identity);
        try {
            // waited for, so that once a site reload is applied no report gets through on the old key
            dtls.startTerminateConnectionsForPrincipal(filter).get(TERMINATE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("identity {}: closing its DTLS sessions did not finish: {}",
                    RegistryPskStore.printable(identity), e.toString());
        }
        LOG.info("identity {}: removed or rekeyed; its DTLS sessions are closed", RegistryPskStore.printable(identity));
    }

    @Override
    public void close() {
        registry.removeRevokedListener(revoke);
        server.destroy();
    }

    /**
     * Counts every report refused 4.13, whoever refused it: this bundle's handler, or Californium's block-wise layer
     * for a report sent in blocks beyond {@code MAX_RESOURCE_BODY_SIZE}, which never reaches the handler (so the
     * count stayed 0 for those).
     */
    private static final class TooLarge extends MessageInterceptorAdapter {

        private final Counters counters;
        private final LogThrottle log;
        private final int limit;

        TooLarge(Counters counters, LogThrottle log, int limit) {
            this.counters = counters;
            this.log = log;
            this.limit = limit;
        }

        @Override
        public void sendResponse(Response response) {
            if (response.getCode() == ResponseCode.REQUEST_ENTITY_TOO_LARGE) {
                counters.oversized.incrementAndGet();
                log.permit().ifPresent(held -> LOG.warn("a report from {} refused 4.13: over maxPayloadBytes {}{}",
                        response.getDestinationContext() == null ? "?" : response.getDestinationContext()
                                .getPeerAddress(), limit, LogThrottle.heldBack(held)));
            }
        }
    }

    /** Counts and logs failed handshakes: a wrong key shows up here (the identity is known, the Finished fails). */
    private static final class HandshakeFailures implements SessionListener {

        private final Counters counters;
        private final LogThrottle log;

        HandshakeFailures(Counters counters, LogThrottle log) {
            this.counters = counters;
            this.log = log;
        }

        @Override
        public void handshakeStarted(Handshaker handshaker) throws HandshakeException {
        }

        @Override
        public void contextEstablished(Handshaker handshaker, DTLSContext context) throws HandshakeException {
        }

        @Override
        public void handshakeCompleted(Handshaker handshaker) {
        }

        @Override
        public void handshakeFailed(Handshaker handshaker, Throwable error) {
            counters.handshakesFailed.incrementAndGet();
            Principal peer = handshaker.getSession() == null ? null : handshaker.getSession().getPeerIdentity();
            log.permit().ifPresent(held -> LOG.warn("DTLS handshake with {} failed{}: {}{}",
                    handshaker.getPeerAddress(),
                    peer == null ? "" : " (identity " + RegistryPskStore.printable(peer.getName()) + ")",
                    error == null ? "unknown reason" : error.getMessage(), LogThrottle.heldBack(held)));
        }

        @Override
        public void handshakeFlightRetransmitted(Handshaker handshaker, int flight) {
        }
    }
}
