package io.weir.deploy.packaging;

import java.util.Objects;

/**
 * One bundle of a deployment package: its manifest section and the JAR entry that carries it.
 *
 * @param path the entry's path in the package, which is also the section's {@code Name}, e.g.
 *        {@code bundles/io.weir.api-0.1.0.jar}
 * @param symbolicName the bundle's {@code Bundle-SymbolicName}, without directives
 * @param version the bundle's {@code Bundle-Version}
 * @param missing {@code DeploymentPackage-Missing}: in a fix pack, a bundle that stays as the installed package has
 *        it; its section is in the manifest but the package does not carry it
 */
public record BundleEntry(String path, String symbolicName, OsgiVersion version, boolean missing) {

    public BundleEntry {
        EntryPaths.require(path);
        Objects.requireNonNull(version, "version");
        if (!SymbolicNames.of(symbolicName).equals(symbolicName)) {
            throw new IllegalArgumentException("'" + symbolicName + "' is a header value, not a bare symbolic name");
        }
    }

    /** A bundle the package carries. */
    public BundleEntry(String path, String symbolicName, OsgiVersion version) {
        this(path, symbolicName, version, false);
    }
}
