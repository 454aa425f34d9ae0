package io.weir.coap.internal;

import java.security.Principal;

import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DtlsDatagramFilter;
import org.eclipse.californium.scandium.dtls.Connection;
import org.eclipse.californium.scandium.dtls.Handshaker;
import org.eclipse.californium.scandium.dtls.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.security.LogThrottle;

/**
 * Scandium's datagram filter (its MAC-error throttling kept), plus a count and a log line for the one MAC error
 * that matters here: the first encrypted record of a handshake (the client's Finished) failing means the device
 * and the gateway hold different keys for the identity. DTLS drops such records silently, so without this a wrong
 * key would only show up as a handshake that times out.
 */
final class KeyMismatchFilter extends DtlsDatagramFilter {

    private static final Logger LOG = LoggerFactory.getLogger(KeyMismatchFilter.class);

    private final Counters counters;
    private final LogThrottle log;

    KeyMismatchFilter(Configuration config, Counters counters, LogThrottle log) {
        super(config);
        this.counters = counters;
        this.log = log;
    }

    @Override
    public boolean onMacError(Record record, Connection connection) {
        Handshaker handshake = connection == null ? null : connection.getOngoingHandshake();
        if (handshake != null) {
            counters.wrongKey.incrementAndGet();
            Principal peer = handshake.getSession() == null ? null : handshake.getSession().getPeerIdentity();
            log.permit().ifPresent(held -> LOG.warn("DTLS handshake from {}{}: the Finished message does not decrypt,"
                    + " so the device's key is not the one registered for it; refused{}", connection.getPeerAddress(),
                    peer == null ? "" : " (identity " + RegistryPskStore.printable(peer.getName()) + ")",
                    LogThrottle.heldBack(held)));
        }
        return super.onMacError(record, connection);
    }
}
