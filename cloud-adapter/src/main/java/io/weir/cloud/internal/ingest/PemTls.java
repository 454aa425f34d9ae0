package io.weir.cloud.internal.ingest;

import io.weir.cloud.SecretFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS socket factory from PEM files, as brokers' operators hand them out: the CAs that may sign the broker's
 * certificate and, for mutual TLS, the adapter's certificate (chain) and its unencrypted PKCS#8 private key, which
 * must be readable by its owner only.
 */
public final class PemTls {
    private static final char[] IN_MEMORY = "weir".toCharArray();

    private PemTls() {
    }

    /**
     * @param ca   PEM certificates to trust, or null for the JVM's CAs
     * @param cert the client certificate chain, or null for no client certificate
     * @param key  its private key (with {@code cert})
     * @throws IllegalArgumentException naming the file and the problem
     */
    public static SSLSocketFactory socketFactory(Path ca, Path cert, Path key) {
        try {
            TrustManagerFactory trust = null;
            if (ca != null) {
                KeyStore anchors = emptyStore();
                int i = 0;
                for (X509Certificate c : certificates(ca)) {
                    anchors.setCertificateEntry("ca-" + i++, c);
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(anchors);
            }
            KeyManagerFactory keys = null;
            if (cert != null) {
                KeyStore own = emptyStore();
                own.setKeyEntry("client", privateKey(key), IN_MEMORY,
                        certificates(cert).toArray(new Certificate[0]));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(own, IN_MEMORY);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("MQTT TLS settings: " + e.getMessage(), e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static List<X509Certificate> certificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> found = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                found.add((X509Certificate) c);
            }
            if (found.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no certificate");
            }
            return found;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path file) {
        String pem = new String(SecretFile.read(file, "MQTT client key"), StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(file + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY); "
                    + "convert it with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(file + " holds a key that is neither EC, RSA nor Ed25519");
    }
}
