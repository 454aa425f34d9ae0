package io.weir.deploy.packaging;

import java.util.Objects;

/**
 * One resource of a deployment package that is not a bundle, such as a device profile or a site file: its manifest
 * section names the Resource Processor service that installs it on the gateway.
 *
 * @param path the entry's path in the package and the section's {@code Name}, e.g. {@code profiles/radar.yaml}
 * @param processorPid {@code Resource-Processor}: the {@code service.pid} of the processor that installs it
 * @param missing {@code DeploymentPackage-Missing}: in a fix pack, a resource that stays as installed
 */
public record ResourceEntry(String path, String processorPid, boolean missing) {

    /** The PID of the Weir gateway's processor for device profiles and site files (bundle io.weir.deploy). */
    public static final String WEIR_PROCESSOR = "io.weir.deploy.resources";

    public ResourceEntry {
        EntryPaths.require(path);
        Objects.requireNonNull(processorPid, "processorPid");
        if (processorPid.isBlank() || processorPid.chars().anyMatch(c -> Character.isWhitespace(c)
                || Character.isISOControl(c))) {
            throw new IllegalArgumentException("'" + processorPid + "' is not a service PID");
        }
        if (path.toUpperCase(java.util.Locale.ROOT).startsWith("META-INF/")) {
            throw new IllegalArgumentException("resource " + path + " must not be under META-INF/, which the "
                    + "package's manifest and signature files own");
        }
    }
}
