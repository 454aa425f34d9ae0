package io.weir.api.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates and keys in PEM files, as openssl, mosquitto's and EMQX's guides and every CA hand them out, turned
 * into what the JDK's TLS needs. Errors name the file and say what to do about it.
 */
public final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");
    private static final String[] KEY_ALGORITHMS = {"EC", "RSA", "Ed25519"};

    private PemFiles() {
    }

    /**
     * Every certificate in a PEM file (a CA bundle holds several).
     *
     * @throws GeneralSecurityException when the file holds none, or something that is not a certificate
     */
    public static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
        } catch (CertificateException e) {
            throw new CertificateException(file + " is not a PEM file of certificates: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new CertificateException("no certificate in " + file);
        }
        return certificates;
    }

    /**
     * The unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}) in a secret file, EC, RSA or Ed25519.
     *
     * @param warn told when the file's mode had to be tightened (see {@link SecretFile})
     */
    public static PrivateKey privateKey(Path file, Consumer<String> warn) throws IOException,
            GeneralSecurityException {
        String text = SecretFile.readText(file, warn);
        Matcher block = BLOCK.matcher(text);
        if (!block.find()) {
            throw new InvalidKeySpecException(file + " holds no PEM block");
        }
        String type = block.group(1);
        if (!type.equals("PRIVATE KEY")) {
            throw new InvalidKeySpecException(file + " holds a " + type + "; give an unencrypted PKCS#8 key "
                    + "(BEGIN PRIVATE KEY), e.g. openssl pkcs8 -topk8 -nocrypt -in " + file.getFileName()
                    + " -out key.pem");
        }
        byte[] der = Base64.getMimeDecoder().decode(block.group(2).getBytes(StandardCharsets.US_ASCII));
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException notThisOne) {
                // try the next algorithm: PKCS#8 names it inside, but KeyFactory wants it up front
            }
        }
        throw new InvalidKeySpecException(file + " holds a private key that is not EC, RSA or Ed25519");
    }

    /** Trust exactly the CA certificates of a PEM file: never the JVM's default CAs alongside them. */
    public static TrustManager[] trustManagers(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int n = 0;
        for (X509Certificate ca : certificates(caFile)) {
            store.setCertificateEntry("ca-" + n++, ca);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        return trust.getTrustManagers();
    }

    /**
     * A client identity for mutual TLS: the certificate chain of a PEM file (the client's own first) with the
     * private key of another, checked to belong together so a mismatch is named here, not as a failed handshake.
     */
    public static KeyManager[] keyManagers(Path certFile, Path keyFile, Consumer<String> warn)
            throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile, warn);
        requirePair(chain.get(0), key, certFile, keyFile);
        char[] none = new char[0];
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", key, none, chain.toArray(new Certificate[0]));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, none);
        return keys.getKeyManagers();
    }

    private static void requirePair(X509Certificate certificate, PrivateKey key, Path certFile, Path keyFile)
            throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> key.getAlgorithm();
        };
        byte[] probe = "weir".getBytes(StandardCharsets.US_ASCII);
        boolean pair;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            pair = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            pair = false;
        }
        if (!pair) {
            throw new InvalidKeySpecException("the key in " + keyFile + " does not belong to the certificate in "
                    + certFile);
        }
    }
}
