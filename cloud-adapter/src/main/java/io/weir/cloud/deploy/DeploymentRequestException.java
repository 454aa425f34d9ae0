package io.weir.cloud.deploy;

/** A deployment request that cannot be carried out, with the reason (the REST API answers 400, or 409). */
public final class DeploymentRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean conflict;

    public DeploymentRequestException(String message, boolean conflict) {
        super(message);
        this.conflict = conflict;
    }

    public DeploymentRequestException(String message) {
        this(message, false);
    }

    /** True when the request clashes with what is stored (a package re-registered with another hash). */
    public boolean conflict() {
        return conflict;
    }
}
