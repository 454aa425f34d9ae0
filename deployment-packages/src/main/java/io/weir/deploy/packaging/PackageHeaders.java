package io.weir.deploy.packaging;

import java.util.Objects;
import java.util.Optional;

/**
 * What a deployment package says about itself in its manifest's main section.
 *
 * @param symbolicName {@code DeploymentPackage-SymbolicName}: the identity Deployment Admin installs, updates and
 *        uninstalls the package by
 * @param version {@code DeploymentPackage-Version}
 * @param name {@code DeploymentPackage-Name}: a name for people; optional in the specification
 * @param fixPack {@code DeploymentPackage-FixPack}: present only in a fix pack, the versions of this package already
 *        installed that it may be applied to
 */
public record PackageHeaders(String symbolicName, OsgiVersion version, Optional<String> name,
        Optional<VersionRange> fixPack) {

    public PackageHeaders {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fixPack, "fixPack");
        if (!SymbolicNames.of(symbolicName).equals(symbolicName)) {
            throw new IllegalArgumentException("'" + symbolicName + "' is a header value, not a bare symbolic name");
        }
        name.ifPresent(PackageHeaders::requireOneLine);
    }

    /** A full package (not a fix pack) with a name for people. */
    public static PackageHeaders of(String symbolicName, OsgiVersion version, String name) {
        return new PackageHeaders(symbolicName, version, Optional.of(name), Optional.empty());
    }

    private static void requireOneLine(String name) {
        if (name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a package name must be one line of text, not '" + name + "'");
        }
    }
}
