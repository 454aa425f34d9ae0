package io.weir.deploy.packaging;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A deployment package whose every entry is covered by a signature from a trusted signer.
 *
 * @param dp what the package holds
 * @param signer the trusted signer's own certificate
 */
public record VerifiedPackage(DeploymentPackage dp, X509Certificate signer) {

    public VerifiedPackage {
        Objects.requireNonNull(dp, "dp");
        Objects.requireNonNull(signer, "signer");
    }

    /** The signer's subject, e.g. {@code CN=Weir operations,O=County}. */
    public String signerName() {
        return TrustedSigners.subject(signer);
    }
}
