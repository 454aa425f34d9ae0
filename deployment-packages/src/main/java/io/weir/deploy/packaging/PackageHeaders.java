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
 * @param downgradeFrom {@code Weir-Allow-Downgrade-From}: the installed versions this package may replace although it
 *        is not newer than them (a deliberate rollback, or reinstalling the same version). Without it a gateway
 *        installs only a newer version, so an old signed package replayed cannot take a gateway back.
 * @param minimumVersion {@code Weir-Minimum-Version}: once this package is installed and healthy, the gateway refuses
 *        every version of it below this one for good, the signed rollback packages included
 */
public record PackageHeaders(String symbolicName, OsgiVersion version, Optional<String> name,
        Optional<VersionRange> fixPack, List<String> expectedComponents, Optional<VersionRange> downgradeFrom,
        Optional<OsgiVersion> minimumVersion) {

    // a DS component name is a class-like dotted name in practice; no commas, they separate the header's values
    private static final Pattern COMPONENT_NAME = Pattern.compile("[A-Za-z0-9_$.-]+");

    public PackageHeaders {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fixPack, "fixPack");
        expectedComponents = List.copyOf(expectedComponents);
        Objects.requireNonNull(downgradeFrom, "downgradeFrom");
        Objects.requireNonNull(minimumVersion, "minimumVersion");
        if (minimumVersion.isPresent() && minimumVersion.get().compareTo(version) > 0) {
            throw new IllegalArgumentException("the minimum version " + minimumVersion.get() + " is above the "
                    + "package's own version " + version);
        }
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

    /** A package that gateways install only over older versions of it, and that sets no minimum. */
    public PackageHeaders(String symbolicName, OsgiVersion version, Optional<String> name,
            Optional<VersionRange> fixPack, List<String> expectedComponents) {
        this(symbolicName, version, name, fixPack, expectedComponents, Optional.empty(), Optional.empty());
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
