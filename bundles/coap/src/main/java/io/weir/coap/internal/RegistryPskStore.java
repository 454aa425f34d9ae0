package io.weir.coap.internal;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Consumer;

import javax.crypto.SecretKey;

import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.PskSecretResult;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedPskStore;
import org.eclipse.californium.scandium.util.SecretUtil;
import org.eclipse.californium.scandium.util.ServerNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.security.LogThrottle;

/**
 * Scandium's key lookup, answered from the device registry at the moment of each handshake, so a device added or
 * rekeyed in the site file is served its new key without a restart. An unknown identity is counted, logged (the
 * identity, never a key, at most once a minute) and the handshake fails.
 */
final class RegistryPskStore implements AdvancedPskStore {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryPskStore.class);
    private static final int LOGGED_IDENTITY_CHARS = 64;

    private final DeviceRegistry registry;
    private final Counters counters;
    private final LogThrottle unknown;
    private final Consumer<String> warn;

    /**
     * @param unknown lets the line about an unknown identity through once in a while: anyone on the network can
     *                send identities, as fast as they like
     */
    RegistryPskStore(DeviceRegistry registry, Counters counters, LogThrottle unknown, Consumer<String> warn) {
        this.registry = registry;
        this.counters = counters;
        this.unknown = unknown;
        this.warn = warn;
    }

    RegistryPskStore(DeviceRegistry registry, Counters counters, LogThrottle unknown) {
        this(registry, counters, unknown, LOG::warn);
    }

    @Override
    public boolean hasEcdhePskSupported() {
        return true;
    }

    @Override
    public PskSecretResult requestPskSecretResult(ConnectionId cid, ServerNames serverName,
                                                  PskPublicInformation identity, String hmacAlgorithm,
                                                  SecretKey otherSecret, byte[] seed,
                                                  boolean useExtendedMasterSecret) {
        String name = identity.getPublicInfoAsString();
        Optional<CoapDevice> device = registry.byIdentity(name);
        if (device.isEmpty()) {
            counters.unknownIdentity.incrementAndGet();
            unknown.permit().ifPresent(held -> warn.accept("DTLS handshake refused: unknown PSK identity '"
                    + printable(name) + "'" + LogThrottle.heldBack(held) + "; all are counted as unknownIdentity"));
            return new PskSecretResult(cid, identity, null);
        }
        byte[] key = device.get().key();
        try {
            return new PskSecretResult(cid, identity, SecretUtil.create(key, "PSK"));
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public PskPublicInformation getIdentity(InetSocketAddress peerAddress, ServerNames virtualHost) {
        return null; // a server never starts a handshake
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        // answers are synchronous: nothing to call back
    }

    /** An identity comes from the network: keep a log line short and free of control characters. */
    static String printable(String identity) {
        String cut = identity.length() > LOGGED_IDENTITY_CHARS ? identity.substring(0, LOGGED_IDENTITY_CHARS) + "..."
                : identity;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
