package io.weir.deploy.packaging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertPath;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.ZipFile;

import jdk.security.jarsigner.JarSigner;

/**
 * Signs a deployment package with JAR signing, as the Deployment Admin specification requires, through the JDK's
 * {@link JarSigner}. The JDK writes the manifest first, then the signature file ({@code META-INF/<NAME>.SF}) and its
 * signature block, then the entries in their order: the layout the specification asks for. Our writer has already
 * put every entry's SHA-256 digest in the manifest, so the signer keeps the manifest's bytes and its sections'
 * order as they are.
 */
public final class DeploymentPackageSigner {

    private final KeyStore.PrivateKeyEntry key;
    private final String signerName;

    /**
     * @param key the signing key and its certificate chain
     * @param signerName names the signature files ({@code META-INF/<NAME>.SF}): up to 8 of A-Z, 0-9, '_', '-'
     */
    public DeploymentPackageSigner(KeyStore.PrivateKeyEntry key, String signerName) {
        this.key = key;
        this.signerName = signerName.toUpperCase(Locale.ROOT);
        if (!this.signerName.matches("[A-Z0-9_-]{1,8}")) {
            throw new IllegalArgumentException("signer name '" + signerName + "' must be 1 to 8 letters, digits, "
                    + "'_' or '-'");
        }
    }

    /**
     * The key entry {@code alias} of a key store file.
     *
     * @throws DeploymentPackageException when the store cannot be read or holds no private key under {@code alias}
     */
    public static KeyStore.PrivateKeyEntry loadKey(Path keyStore, char[] storePassword, String alias,
            char[] keyPassword) throws IOException, DeploymentPackageException {
        try {
            KeyStore store = KeyStore.getInstance(keyStore.toFile(), storePassword);
            KeyStore.Entry entry = store.getEntry(alias, new KeyStore.PasswordProtection(keyPassword));
            if (!(entry instanceof KeyStore.PrivateKeyEntry privateKey)) {
                throw new DeploymentPackageException(keyStore + " has no private key entry named " + alias);
            }
            return privateKey;
        } catch (java.security.GeneralSecurityException e) {
            throw new DeploymentPackageException("cannot read key " + alias + " from " + keyStore + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Signs the package {@code unsigned} into {@code target}, atomically. The input is read back first, so that only
     * a well-formed package is signed.
     *
     * @return the package that was signed
     */
    public DeploymentPackage sign(Path unsigned, Path target) throws IOException, DeploymentPackageException {
        DeploymentPackage dp = DeploymentPackageReader.read(unsigned);
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        try {
            try (ZipFile zip = new ZipFile(unsigned.toFile()); OutputStream out = Files.newOutputStream(partial)) {
                signer().sign(zip, out);
            } catch (jdk.security.jarsigner.JarSignerException e) {
                throw new DeploymentPackageException("cannot sign " + unsigned + ": " + e.getMessage(), e);
            }
            DeploymentPackage signed = DeploymentPackageReader.read(partial);
            if (!signed.equals(dp)) {
                throw new DeploymentPackageException("signing changed what " + unsigned + " holds");
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return signed;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private JarSigner signer() throws DeploymentPackageException {
        X509Certificate certificate = (X509Certificate) key.getCertificate();
        try {
            // gateways would refuse what such a key signs: say so now, not after a rollout
            TrustedSigners.mayCodeSign(certificate, "key " + TrustedSigners.subject(certificate));
        } catch (PackageVerificationException e) {
            throw new DeploymentPackageException(e.getMessage(), e);
        }
        try {
            CertPath chain = CertificateFactory.getInstance("X.509")
                    .generateCertPath(Arrays.asList(key.getCertificateChain()));
            return new JarSigner.Builder(key.getPrivateKey(), chain)
                    .digestAlgorithm("SHA-256")
                    .signerName(signerName)
                    .build();
        } catch (CertificateException | java.security.NoSuchAlgorithmException | IllegalArgumentException e) {
            throw new DeploymentPackageException("cannot sign with this key: " + e.getMessage(), e);
        }
    }
}
