package io.weir.deploy.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The certificates whose keys may sign packages for a gateway: a signer is trusted when its own certificate is one
 * of them, or when its chain leads to one of them (PKIX, without revocation checks: a gateway at a reservoir may have
 * no route to a CRL or OCSP responder). Either way the signer's certificate must be valid at the time of checking
 * and made for signing code.
 */
public final class TrustedSigners {

    private static final Set<String> CERTIFICATE_FILES = Set.of(".pem", ".crt", ".cer", ".der");
    /** id-kp-codeSigning, RFC 5280 4.2.1.12. */
    static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";

    private final Set<X509Certificate> certificates;

    public TrustedSigners(Set<X509Certificate> certificates) {
        this.certificates = Set.copyOf(certificates);
    }

    /**
     * The trusted certificate entries of a key store (PKCS12 or JKS).
     *
     * @throws DeploymentPackageException when the store cannot be read or trusts no certificate
     */
    public static TrustedSigners fromKeyStore(Path file, char[] password) throws IOException,
            DeploymentPackageException {
        try {
            KeyStore store = KeyStore.getInstance(file.toFile(), password);
            Set<X509Certificate> trusted = new HashSet<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isCertificateEntry(alias) && store.getCertificate(alias) instanceof X509Certificate cert) {
                    trusted.add(cert);
                }
            }
            return nonEmpty(trusted, "trust store " + file + " holds no trusted certificate entries");
        } catch (GeneralSecurityException e) {
            throw new DeploymentPackageException("cannot read trust store " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every certificate in the {@code .pem}, {@code .crt}, {@code .cer} and {@code .der} files of a directory.
     *
     * @throws DeploymentPackageException when a file is not a certificate, or there are none
     */
    public static TrustedSigners fromDirectory(Path dir) throws IOException, DeploymentPackageException {
        Set<X509Certificate> trusted = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                int dot = name.lastIndexOf('.');
                if (dot < 0 || !CERTIFICATE_FILES.contains(name.substring(dot)) || !Files.isRegularFile(file)) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        trusted.add((X509Certificate) cert);
                    }
                } catch (CertificateException e) {
                    throw new DeploymentPackageException(file + " is not a certificate: " + e.getMessage(), e);
                }
            }
        }
        return nonEmpty(trusted, "no certificates (*.pem, *.crt, *.cer, *.der) in " + dir);
    }

    private static TrustedSigners nonEmpty(Set<X509Certificate> trusted, String otherwise)
            throws DeploymentPackageException {
        if (trusted.isEmpty()) {
            throw new DeploymentPackageException(otherwise);
        }
        return new TrustedSigners(trusted);
    }

    /**
     * Checks a signer's certificate chain.
     *
     * @return the signer's own certificate
     * @throws PackageVerificationException {@link PackageVerificationException.Problem#UNTRUSTED}, saying why
     */
    X509Certificate check(CertPath chain, Instant at) throws PackageVerificationException {
        List<X509Certificate> certs = new ArrayList<>();
        chain.getCertificates().forEach(cert -> certs.add((X509Certificate) cert));
        X509Certificate signer = certs.get(0);
        String who = "signer " + subject(signer);
        if (certificates.contains(signer)) {
            try {
                signer.checkValidity(Date.from(at));
                return mayCodeSign(signer, who);
            } catch (CertificateException e) {
                throw new PackageVerificationException(PackageVerificationException.Problem.UNTRUSTED,
                        who + " is trusted, but its certificate is not valid now: " + e.getMessage(), e);
            }
        }
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            certificates.forEach(cert -> anchors.add(new TrustAnchor(cert, null)));
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(chain, parameters);
            return mayCodeSign(signer, who);
        } catch (CertPathValidatorException e) {
            throw new PackageVerificationException(PackageVerificationException.Problem.UNTRUSTED,
                    who + " is not trusted (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new PackageVerificationException(PackageVerificationException.Problem.UNTRUSTED,
                    who + " cannot be checked: " + e.getMessage(), e);
        }
    }

    /**
     * A trusted key may still not be meant for signing code: a TLS server's or an e-mail certificate from the same
     * CA must not be able to sign packages. The signer's certificate must name codeSigning among its extended key
     * usages and, if it limits its key usage, allow digital signatures.
     */
    static X509Certificate mayCodeSign(X509Certificate signer, String who)
            throws PackageVerificationException {
        List<String> extended;
        try {
            extended = signer.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new PackageVerificationException(PackageVerificationException.Problem.UNTRUSTED,
                    who + " has an unreadable extended key usage: " + e.getMessage(), e);
        }
        if (extended == null || !extended.contains(CODE_SIGNING)) {
            throw new PackageVerificationException(PackageVerificationException.Problem.UNTRUSTED,
                    who + " may not sign code: its certificate's extended key usage does not include codeSigning "
                            + "(make signing keys with keytool -ext EKU=codeSigning)");
        }
        boolean[] usage = signer.getKeyUsage();
        if (usage != null && !usage[0]) {
            throw new PackageVerificationException(PackageVerificationException.Problem.UNTRUSTED,
                    who + " may not sign: its certificate's key usage does not include digitalSignature");
        }
        return signer;
    }

    /** A certificate's subject as RFC 2253 writes it, e.g. {@code CN=Weir operations,O=County}. */
    public static String subject(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName();
    }
}
