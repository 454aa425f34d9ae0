package io.weir.deploy.packaging;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a deployment package says about itself in its manifest's main section.
 *
 * @param symbolicName {@code DeploymentPackage-SymbolicName}: the identity Deployment Admin installs, updates and
 *        uninstalls the package by
 * @param version {@code DeploymentPackage-Version}
 * @param name {@code DeploymentPackage-Name}: a name for people; optional in the specification
 * @param fixPack {@code DeploymentPackage-FixPack}: present only in a fix pack, the versions of this package already
 *        installed that it may be applied to
 * @param expectedComponents {@code Weir-Expected-Components}: names of DS components the gateway's deploy agent
 *        waits for (active or satisfied) before it calls the installation healthy; may be empty
 */
public record PackageHeaders(String symbolicName, OsgiVersion version, Optional<String> name,
        Optional<VersionRange> fixPack, List<String> expectedComponents) {

    // a DS component name is a class-like dotted name in practice; no commas, they separate the header's values
    private static final Pattern COMPONENT_NAME = Pattern.compile("[A-Za-z0-9_$.-]+");

    public PackageHeaders {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fixPack, "fixPack");
        expectedComponents = List.copyOf(expectedComponents);
        if (!SymbolicNames.of(symbolicName).equals(symbolicName)) {
            throw new IllegalArgumentException("'" + symbolicName + "' is a header value, not a bare symbolic name");
        }
        name.ifPresent(PackageHeaders::requireOneLine);
        for (String component : expectedComponents) {
            if (!COMPONENT_NAME.matcher(component).matches()) {
                throw new IllegalArgumentException("'" + component + "' is not a component name");
            }
        }
    }

    public PackageHeaders(String symbolicName, OsgiVersion version, Optional<String> name,
            Optional<VersionRange> fixPack) {
        this(symbolicName, version, name, fixPack, List.of());
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
