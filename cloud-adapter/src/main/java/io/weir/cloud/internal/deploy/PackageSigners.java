package io.weir.cloud.internal.deploy;

import io.weir.cloud.deploy.PackageRefusedException;
import io.weir.cloud.deploy.PackageRefusedException.Reason;
import io.weir.deploy.packaging.DeploymentPackageException;
import io.weir.deploy.packaging.DeploymentPackageVerifier;
import io.weir.deploy.packaging.TrustedSigners;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

/**
 * The adapter's own trusted signers of deployment packages (a directory of certificates, like a gateway's), so it
 * never registers, and never sends gateways to, a package they would refuse. A signer's certificate must be meant
 * for signing code: extended key usage {@code codeSigning} and, where key usage is given, {@code digitalSignature}.
 */
public final class PackageSigners {
    static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";

    private final TrustedSigners trusted;
    private final Path directory;
    private final Clock clock;

    private PackageSigners(TrustedSigners trusted, Path directory, Clock clock) {
        this.trusted = trusted;
        this.directory = directory;
        this.clock = clock;
    }

    /** No trusted signers: every registration is refused, saying how to configure them. */
    public static PackageSigners none(Clock clock) {
        return new PackageSigners(null, null, clock);
    }

    /** @throws IllegalArgumentException when the directory holds no readable certificate */
    public static PackageSigners fromDirectory(Path directory, Clock clock) {
        try {
            return new PackageSigners(TrustedSigners.fromDirectory(directory), directory, clock);
        } catch (IOException | DeploymentPackageException e) {
            throw new IllegalArgumentException("trusted signers " + directory + ": " + e.getMessage(), e);
        }
    }

    DeploymentPackageVerifier verifier() {
        if (trusted == null) {
            throw new PackageRefusedException(Reason.NO_TRUSTED_SIGNERS, "this adapter trusts no package signer: "
                    + "give it the certificates your gateways trust (--trusted-signers DIR)");
        }
        return new DeploymentPackageVerifier(trusted, clock);
    }

    void checkCodeSigning(X509Certificate signer, Path file) {
        String who = signer.getSubjectX500Principal().getName();
        List<String> extended;
        try {
            extended = signer.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            extended = null;
        }
        if (extended == null || !extended.contains(CODE_SIGNING)) {
            throw new PackageRefusedException(Reason.NOT_FOR_CODE_SIGNING, file + ": signer " + who + " (trusted by "
                    + directory + ") has no extended key usage codeSigning; issue it a code-signing certificate");
        }
        boolean[] usage = signer.getKeyUsage();
        if (usage != null && !usage[0]) {
            throw new PackageRefusedException(Reason.NOT_FOR_CODE_SIGNING, file + ": signer " + who
                    + " has a key usage without digitalSignature");
        }
    }
}
