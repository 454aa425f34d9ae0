package io.weir.deploy.packaging;

import java.util.Objects;

/**
 * One bundle of a deployment package: its manifest section and the JAR entry that carries it.
 *
 * @param path the entry's path in the package, which is also the section's {@code Name}, e.g.
 *        {@code bundles/io.weir.api-0.1.0.jar}
 * @param symbolicName the bundle's {@code Bundle-SymbolicName}, without directives
 * @param version the bundle's {@code Bundle-Version}
 */
public record BundleEntry(String path, String symbolicName, OsgiVersion version) {

    public BundleEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(version, "version");
        if (path.isEmpty() || path.endsWith("/") || path.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("'" + path + "' cannot name a JAR entry");
        }
        if (!SymbolicNames.of(symbolicName).equals(symbolicName)) {
            throw new IllegalArgumentException("'" + symbolicName + "' is a header value, not a bare symbolic name");
        }
    }
}
