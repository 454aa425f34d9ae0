package io.weir.deploy.packaging;

/**
 * A deployment package is refused: it is not signed, something in it does not match its signature, its signer is
 * not trusted, it is not a well-formed package, or it is too large. The message says which entry or signer and why, in words an
 * operator can act on.
 */
public final class PackageVerificationException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a package is refused. */
    public enum Problem {
        /** No signature at all. */
        UNSIGNED,
        /** Signed, but an entry was changed, added or left out of the signature after signing. */
        TAMPERED,
        /** Signed intact, by a key the trust store does not vouch for. */
        UNTRUSTED,
        /** Not a deployment package as the specification describes one. */
        MALFORMED,
        /** Larger than the gateway accepts, as a whole or in a part: refused before it was read whole. */
        TOO_LARGE
    }

    private final Problem problem;

    public PackageVerificationException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public PackageVerificationException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
