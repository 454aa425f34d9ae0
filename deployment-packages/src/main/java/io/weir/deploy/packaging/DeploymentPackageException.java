package io.weir.deploy.packaging;

/**
 * A deployment package, or a bundle meant for one, is not what the Deployment Admin specification requires. The
 * message names the file or entry and what is wrong with it, so that it can be shown to an operator as it is.
 */
public final class DeploymentPackageException extends Exception {

    private static final long serialVersionUID = 1L;

    public DeploymentPackageException(String message) {
        super(message);
    }

    public DeploymentPackageException(String message, Throwable cause) {
        super(message, cause);
    }
}
