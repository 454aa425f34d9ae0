package io.weir.cloud.deploy;

/**
 * A deployment package the adapter will not register, because gateways would refuse it or it cannot be checked:
 * the operations API answers 422 with {@link #reason()} and the message, never 201.
 */
public final class PackageRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a package is refused. */
    public enum Reason {
        /** No file was given: the adapter cannot check the signature of a package it does not have. */
        NO_FILE,
        /** The adapter has no trusted signers configured, so it trusts no package. */
        NO_TRUSTED_SIGNERS,
        /** Not signed at all. */
        UNSIGNED,
        /** Changed after signing, or parts of it not covered by the signature. */
        TAMPERED,
        /** Signed by a key the adapter's trusted signers do not vouch for, or by an expired certificate. */
        UNTRUSTED,
        /** The signer's certificate is not meant for signing code (key usage, extended key usage). */
        NOT_FOR_CODE_SIGNING,
        /** Larger than the limits: file, entries, manifest. */
        TOO_LARGE,
        /** Not a deployment package. */
        MALFORMED
    }

    private final Reason reason;

    public PackageRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
