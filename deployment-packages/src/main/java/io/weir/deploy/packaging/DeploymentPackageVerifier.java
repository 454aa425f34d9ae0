package io.weir.deploy.packaging;

import static io.weir.deploy.packaging.PackageVerificationException.Problem.MALFORMED;
import static io.weir.deploy.packaging.PackageVerificationException.Problem.TAMPERED;
import static io.weir.deploy.packaging.PackageVerificationException.Problem.TOO_LARGE;
import static io.weir.deploy.packaging.PackageVerificationException.Problem.UNSIGNED;
import static io.weir.deploy.packaging.PackageVerificationException.Problem.UNTRUSTED;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.zip.ZipException;

/**
 * Checks a signed deployment package the way Deployment Admin reads one, as a stream, front to back, once its size
 * and the size of every part are known to be within limits: the signature files must come right after the manifest, every other entry must be covered by the signature and match its
 * digest, all of them by one signer that the gateway trusts; then the package must be well formed.
 */
public final class DeploymentPackageVerifier {

    private final TrustedSigners trusted;
    private final Clock clock;
    private final PackageLimits limits;

    public DeploymentPackageVerifier(TrustedSigners trusted, Clock clock) {
        this(trusted, clock, PackageLimits.DEFAULTS);
    }

    public DeploymentPackageVerifier(TrustedSigners trusted, Clock clock, PackageLimits limits) {
        this.trusted = trusted;
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * @throws PackageVerificationException saying why the package is refused
     */
    public VerifiedPackage verify(Path file) throws IOException, PackageVerificationException {
        try {
            // before the JDK's verifier, which reads the manifest and the signature files whole
            PackageScan.check(file, limits);
        } catch (LimitedInputStream.TooLarge e) {
            throw new PackageVerificationException(TOO_LARGE, e.getMessage(), e);
        } catch (DeploymentPackageException e) {
            throw new PackageVerificationException(MALFORMED, e.getMessage(), e);
        }
        Set<CodeSigner> signers = signers(file);
        PackageVerificationException untrusted = null;
        for (CodeSigner signer : signers) {
            try {
                var certificate = trusted.check(signer.getSignerCertPath(), clock.instant());
                return new VerifiedPackage(structure(file), certificate);
            } catch (PackageVerificationException e) {
                if (e.problem() != UNTRUSTED) {
                    throw e;
                }
                untrusted = e;
            }
        }
        throw untrusted;
    }

    private static DeploymentPackage structure(Path file) throws IOException, PackageVerificationException {
        try {
            return DeploymentPackageReader.readScanned(file);
        } catch (DeploymentPackageException e) {
            throw new PackageVerificationException(MALFORMED, e.getMessage(), e);
        }
    }

    /** The signers that signed every entry; never empty. */
    private static Set<CodeSigner> signers(Path file) throws IOException, PackageVerificationException {
        Set<CodeSigner> common = null;
        boolean signatureFiles = false;
        String entryName = null;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
                JarInputStream jar = new JarInputStream(in, true)) {
            if (jar.getManifest() == null) {
                throw new PackageVerificationException(MALFORMED, "not a deployment package: it does not start "
                        + "with a manifest");
            }
            for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
                entryName = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                if (EntryPaths.isSignature(entryName)) {
                    signatureFiles = true;
                    continue;
                }
                jar.transferTo(java.io.OutputStream.nullOutputStream()); // the digest is checked as the entry is read to its end
                CodeSigner[] entrySigners = entry.getCodeSigners();
                if (entrySigners == null) {
                    throw signatureFiles
                            ? new PackageVerificationException(TAMPERED, "entry " + entryName
                                    + " is not covered by the package's signature")
                            : new PackageVerificationException(UNSIGNED, "package is not signed");
                }
                if (common == null) {
                    common = new HashSet<>(List.of(entrySigners));
                } else {
                    common.retainAll(List.of(entrySigners));
                }
                if (common.isEmpty()) {
                    throw new PackageVerificationException(TAMPERED, "entry " + entryName + " is signed by "
                            + "someone else than the entries before it");
                }
            }
        } catch (SecurityException e) {
            // the JDK's verifier: a digest that does not match, or a manifest changed after signing
            throw new PackageVerificationException(TAMPERED, "package was changed after signing"
                    + (entryName == null ? "" : " (at entry " + entryName + ")") + ": " + e.getMessage(), e);
        } catch (ZipException e) {
            throw new PackageVerificationException(MALFORMED, "not a readable JAR: " + e.getMessage(), e);
        }
        if (!signatureFiles) {
            throw new PackageVerificationException(UNSIGNED, "package is not signed");
        }
        if (common == null) {
            throw new PackageVerificationException(UNSIGNED, "package carries no signed entries");
        }
        return common;
    }
}
