package io.weir.cloud.internal.deploy;

import io.weir.cloud.deploy.DeploymentRequestException;
import io.weir.cloud.deploy.PackageRefusedException;
import io.weir.cloud.deploy.PackageRefusedException.Reason;
import io.weir.deploy.packaging.DeploymentPackageVerifier;
import io.weir.deploy.packaging.PackageVerificationException;
import io.weir.deploy.packaging.VerifiedPackage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A .dp file handed to the adapter at registration: its size and SHA-256, checked against the size limits while it
 * is streamed ({@link PackageBounds}), then its signature against the adapter's trusted signers, as the gateway will
 * check it; name and version come from the verified manifest.
 */
final class PackageFile {
    static final java.util.regex.Pattern SYMBOLIC_NAME = java.util.regex.Pattern.compile(
            "[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    /** @param bundles symbolic name to version of every bundle the manifest names (a fix pack's missing ones too) */
    record Identity(String name, String version, String sha256, long size, String signer,
                    java.util.Map<String, String> bundles) {
    }

    private PackageFile() {
    }

    static Identity read(Path file, PackageSigners signers) {
        if (!Files.isRegularFile(file)) {
            throw new DeploymentRequestException("file " + file + " does not exist or is not a file");
        }
        try {
            long size = Files.size(file);
            PackageBounds.check(file, size);
            DeploymentPackageVerifier verifier = signers.verifier();
            VerifiedPackage verified;
            try {
                verified = verifier.verify(file);
            } catch (PackageVerificationException e) {
                throw new PackageRefusedException(reason(e.problem()), file + ": " + e.getMessage());
            }
            signers.checkCodeSigning(verified.signer(), file);
            java.util.Map<String, String> bundles = new java.util.TreeMap<>();
            verified.dp().bundles().forEach(b -> bundles.put(b.symbolicName(), b.version().toString()));
            return new Identity(verified.dp().symbolicName(), verified.dp().version().toString(), sha256(file), size,
                    verified.signerName(), bundles);
        } catch (IOException e) {
            throw new DeploymentRequestException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The verifier's problem under the same name (UNSIGNED, TAMPERED, UNTRUSTED, TOO_LARGE, ...). */
    private static Reason reason(PackageVerificationException.Problem problem) {
        try {
            return Reason.valueOf(problem.name());
        } catch (IllegalArgumentException e) {
            return Reason.MALFORMED;
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
