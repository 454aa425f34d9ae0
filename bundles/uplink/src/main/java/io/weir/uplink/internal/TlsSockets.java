package io.weir.uplink.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.security.PemFiles;

/**
 * Builds the socket factory of an ssl:// connection: the server is verified against a CA file (PEM, one or more
 * certificates, trusted alone) or a trust store (PKCS12/JKS), else against the JVM's default CAs; a client
 * certificate is presented when a PEM certificate and key, or a key store, are configured. Paho checks the
 * server's host name against its certificate.
 */
final class TlsSockets {

    private static final Logger LOG = LoggerFactory.getLogger(TlsSockets.class);

    private TlsSockets() {
    }

    static SSLSocketFactory factory(TlsOptions tls) throws IOException, GeneralSecurityException {
        TrustManager[] trust;
        if (!tls.caFile().isEmpty()) {
            trust = PemFiles.trustManagers(Path.of(tls.caFile()));
        } else {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(tls.trustStore().isEmpty() ? null : load(Path.of(tls.trustStore()), tls.trustStorePassword()));
            trust = factory.getTrustManagers();
        }
        KeyManager[] keys = null;
        if (!tls.certFile().isEmpty()) {
            keys = PemFiles.keyManagers(Path.of(tls.certFile()), Path.of(tls.keyFile()), LOG::warn);
        } else if (!tls.keyStore().isEmpty()) {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(load(Path.of(tls.keyStore()), tls.keyStorePassword()), tls.keyStorePassword());
            keys = factory.getKeyManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, trust, null);
        return context.getSocketFactory();
    }

    private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        // KeyStore.getInstance(File, ...) tells PKCS12 from JKS by the content.
        return KeyStore.getInstance(file.toFile(), password);
    }
}
