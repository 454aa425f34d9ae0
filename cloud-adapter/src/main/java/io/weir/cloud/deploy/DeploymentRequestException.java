package io.weir.cloud.deploy;

/** A deployment request that cannot be carried out, with the reason (the REST API answers 400, 404 or 409). */
public final class DeploymentRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean conflict;
    private final boolean notFound;

    private DeploymentRequestException(String message, boolean conflict, boolean notFound) {
        super(message);
        this.conflict = conflict;
        this.notFound = notFound;
    }

    public DeploymentRequestException(String message, boolean conflict) {
        this(message, conflict, false);
    }

    public DeploymentRequestException(String message) {
        this(message, false, false);
    }

    /** What the request names (a rollout, a gateway's inventory) does not exist. */
    public static DeploymentRequestException notFound(String message) {
        return new DeploymentRequestException(message, false, true);
    }

    /**
     * True when the request clashes with what is stored: a package re-registered with another hash, a step the
     * rollout's state does not allow.
     */
    public boolean conflict() {
        return conflict;
    }

    public boolean notFound() {
        return notFound;
    }
}
