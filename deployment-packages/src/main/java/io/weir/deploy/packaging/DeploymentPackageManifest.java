package io.weir.deploy.packaging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/** The manifest of a deployment package (OSGi Compendium, Deployment Admin Specification): written and read. */
final class DeploymentPackageManifest {

    static final String PATH = "META-INF/MANIFEST.MF";

    static final String SYMBOLIC_NAME = "DeploymentPackage-SymbolicName";
    static final String VERSION = "DeploymentPackage-Version";
    static final String NAME = "DeploymentPackage-Name";
    static final String FIX_PACK = "DeploymentPackage-FixPack";
    static final String MISSING = "DeploymentPackage-Missing";
    static final String BUNDLE_SYMBOLIC_NAME = "Bundle-SymbolicName";
    static final String BUNDLE_VERSION = "Bundle-Version";
    static final String RESOURCE_PROCESSOR = "Resource-Processor";
    /** Weir's own header: components the deploy agent's health check waits for. */
    static final String EXPECTED_COMPONENTS = "Weir-Expected-Components";
    /** Weir's own header: installed versions this package may replace although it is not newer. */
    static final String DOWNGRADE_FROM = "Weir-Allow-Downgrade-From";
    /** Weir's own header: the lowest version of this package a gateway accepts once this one is installed. */
    static final String MINIMUM_VERSION = "Weir-Minimum-Version";
    static final String DIGEST = "SHA-256-Digest";

    private DeploymentPackageManifest() {
    }

    /**
     * The manifest text of {@code dp}: main section, then one section per bundle in the package's order, then one per
     * resource.
     *
     * @param digestOf the Base64 SHA-256 digest of each entry the package carries, by path. Written as
     *        {@code SHA-256-Digest}, the attribute JAR signing adds; with it in place a signer leaves the manifest's
     *        bytes, and so its section order, as they are.
     */
    static byte[] write(DeploymentPackage dp, Function<String, String> digestOf) {
        PackageHeaders headers = dp.headers();
        ManifestText.Writer text = new ManifestText.Writer()
                .header("Manifest-Version", "1.0")
                .header("Created-By", "weir-dp")
                .header(SYMBOLIC_NAME, headers.symbolicName())
                .header(VERSION, headers.version().toString());
        headers.name().ifPresent(name -> text.header(NAME, name));
        headers.fixPack().ifPresent(range -> text.header(FIX_PACK, range.toString()));
        if (!headers.expectedComponents().isEmpty()) {
            text.header(EXPECTED_COMPONENTS, String.join(",", headers.expectedComponents()));
        }
        headers.downgradeFrom().ifPresent(range -> text.header(DOWNGRADE_FROM, range.toString()));
        headers.minimumVersion().ifPresent(minimum -> text.header(MINIMUM_VERSION, minimum.toString()));
        text.endSection();
        for (BundleEntry bundle : dp.bundles()) {
            text.header("Name", bundle.path())
                    .header(BUNDLE_SYMBOLIC_NAME, bundle.symbolicName())
                    .header(BUNDLE_VERSION, bundle.version().toString());
            entryEnd(text, bundle.path(), bundle.missing(), digestOf);
        }
        for (ResourceEntry resource : dp.resources()) {
            text.header("Name", resource.path()).header(RESOURCE_PROCESSOR, resource.processorPid());
            entryEnd(text, resource.path(), resource.missing(), digestOf);
        }
        return text.toBytes();
    }

    private static void entryEnd(ManifestText.Writer text, String path, boolean missing,
            Function<String, String> digestOf) {
        if (missing) {
            text.header(MISSING, "true");
        } else {
            text.header(DIGEST, digestOf.apply(path));
        }
        text.endSection();
    }

    /**
     * Reads a deployment package's manifest.
     *
     * @throws DeploymentPackageException naming the header or section and what is wrong with it
     */
    static DeploymentPackage read(byte[] manifestBytes) throws DeploymentPackageException {
        Manifest manifest;
        List<String> order;
        try {
            order = ManifestText.sectionNames(manifestBytes);
            // before the JDK parses it, which merges sections of the same name with only a log line to say so
            requireDistinct(order);
            manifest = new Manifest(new ByteArrayInputStream(manifestBytes));
        } catch (IOException | IllegalArgumentException e) {
            throw new DeploymentPackageException(PATH + " is not a valid manifest: " + e.getMessage(), e);
        }
        // Both parsers read the same bytes; if they ever disagree, trust neither.
        if (!Set.copyOf(order).equals(manifest.getEntries().keySet())) {
            throw new DeploymentPackageException(PATH + ": cannot tell its sections apart (found " + order
                    + " in order but " + manifest.getEntries().keySet() + " as a manifest)");
        }
        PackageHeaders headers = headers(manifest.getMainAttributes());

        List<BundleEntry> bundles = new ArrayList<>();
        List<ResourceEntry> resources = new ArrayList<>();
        Map<String, String> sectionBySymbolicName = new HashMap<>();
        for (String path : order) {
            Attributes section = manifest.getAttributes(path);
            boolean missing = isMissing(section);
            if (missing && headers.fixPack().isEmpty()) {
                throw new DeploymentPackageException("section " + path + " is marked " + MISSING + ", but the "
                        + "package is not a fix pack (no " + FIX_PACK + ")");
            }
            if (section.getValue(BUNDLE_SYMBOLIC_NAME) == null) {
                resources.add(resourceSection(path, section, missing));
                continue;
            }
            BundleEntry bundle = bundleSection(path, section, missing);
            String other = sectionBySymbolicName.putIfAbsent(bundle.symbolicName(), path);
            if (other != null) {
                throw new DeploymentPackageException("sections " + other + " and " + path + " both hold bundle "
                        + bundle.symbolicName() + "; a deployment package holds one version of each bundle");
            }
            bundles.add(bundle);
        }
        return new DeploymentPackage(headers, bundles, resources);
    }

    private static boolean isMissing(Attributes section) {
        String missing = section.getValue(MISSING);
        return missing != null && missing.trim().equalsIgnoreCase("true");
    }

    private static void requireDistinct(List<String> sections) throws DeploymentPackageException {
        Set<String> seen = new HashSet<>();
        for (String path : sections) {
            if (!seen.add(path)) {
                throw new DeploymentPackageException(PATH + " has two sections named " + path);
            }
        }
    }

    private static PackageHeaders headers(Attributes main) throws DeploymentPackageException {
        String symbolicName = parse(PATH, main, SYMBOLIC_NAME, SymbolicNames::of);
        OsgiVersion version = parse(PATH, main, VERSION, OsgiVersion::parse);
        Optional<VersionRange> fixPack = main.getValue(FIX_PACK) == null
                ? Optional.empty()
                : Optional.of(parse(PATH, main, FIX_PACK, VersionRange::parse));
        Optional<String> name = Optional.ofNullable(main.getValue(NAME)).filter(value -> !value.isBlank());
        String expected = main.getValue(EXPECTED_COMPONENTS);
        List<String> components = expected == null ? List.of() : Arrays.stream(expected.split(","))
                .map(String::trim).filter(component -> !component.isEmpty()).toList();
        Optional<VersionRange> downgradeFrom = main.getValue(DOWNGRADE_FROM) == null
                ? Optional.empty()
                : Optional.of(parse(PATH, main, DOWNGRADE_FROM, VersionRange::parse));
        Optional<OsgiVersion> minimum = main.getValue(MINIMUM_VERSION) == null
                ? Optional.empty()
                : Optional.of(parse(PATH, main, MINIMUM_VERSION, OsgiVersion::parse));
        try {
            return new PackageHeaders(symbolicName, version, name, fixPack, components, downgradeFrom, minimum);
        } catch (IllegalArgumentException e) {
            throw new DeploymentPackageException(PATH + ": " + e.getMessage(), e);
        }
    }

    private static BundleEntry bundleSection(String path, Attributes section, boolean missing)
            throws DeploymentPackageException {
        String where = "section " + path;
        String symbolicName = parse(where, section, BUNDLE_SYMBOLIC_NAME, SymbolicNames::of);
        OsgiVersion version = parse(where, section, BUNDLE_VERSION, OsgiVersion::parse);
        try {
            return new BundleEntry(path, symbolicName, version, missing);
        } catch (IllegalArgumentException e) {
            throw new DeploymentPackageException("section " + path + " cannot name an entry: " + e.getMessage(), e);
        }
    }

    private static ResourceEntry resourceSection(String path, Attributes section, boolean missing)
            throws DeploymentPackageException {
        String processor = section.getValue(RESOURCE_PROCESSOR);
        if (processor == null) {
            throw new DeploymentPackageException("section " + path + " has neither " + BUNDLE_SYMBOLIC_NAME
                    + " (a bundle) nor " + RESOURCE_PROCESSOR + " (a resource)");
        }
        try {
            return new ResourceEntry(path, processor.trim(), missing);
        } catch (IllegalArgumentException e) {
            throw new DeploymentPackageException("section " + path + ": " + e.getMessage(), e);
        }
    }

    private static <T> T parse(String where, Attributes headers, String header, Function<String, T> parser)
            throws DeploymentPackageException {
        String value = headers.getValue(header);
        if (value == null) {
            throw new DeploymentPackageException(where + " has no " + header);
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new DeploymentPackageException(where + ": " + header + " is not valid: " + e.getMessage(), e);
        }
    }
}
