package io.weir.uplink.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the socket factory of an ssl:// connection: the server is verified against a CA file (PEM, one or more
 * certificates) or a trust store (PKCS12/JKS), else against the JVM's default CAs; a client certificate is
 * presented when a key store is configured. Paho checks the server's host name against its certificate.
 */
final class TlsSockets {

    private TlsSockets() {
    }

    static SSLSocketFactory factory(TlsOptions tls) throws IOException, GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (!tls.caFile().isEmpty()) {
            trust.init(caStore(Path.of(tls.caFile())));
        } else if (!tls.trustStore().isEmpty()) {
            trust.init(load(Path.of(tls.trustStore()), tls.trustStorePassword()));
        } else {
            trust.init((KeyStore) null);
        }
        KeyManagerFactory keys = null;
        if (!tls.keyStore().isEmpty()) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(Path.of(tls.keyStore()), tls.keyStorePassword()), tls.keyStorePassword());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    private static KeyStore caStore(Path pem) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int n = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + n++, cert);
            }
            if (n == 0) {
                throw new GeneralSecurityException("no certificate in CA file " + pem);
            }
        }
        return store;
    }

    private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        // KeyStore.getInstance(File, ...) tells PKCS12 from JKS by the content.
        return KeyStore.getInstance(file.toFile(), password);
    }
}
