package io.weir.deploy.packaging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
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

    private DeploymentPackageManifest() {
    }

    /** The manifest text of {@code dp}: main section, then one section per bundle in the package's order. */
    static byte[] write(DeploymentPackage dp) {
        PackageHeaders headers = dp.headers();
        ManifestText.Writer text = new ManifestText.Writer()
                .header("Manifest-Version", "1.0")
                .header(SYMBOLIC_NAME, headers.symbolicName())
                .header(VERSION, headers.version().toString());
        headers.name().ifPresent(name -> text.header(NAME, name));
        headers.fixPack().ifPresent(range -> text.header(FIX_PACK, range.toString()));
        text.endSection();
        for (BundleEntry bundle : dp.bundles()) {
            text.header("Name", bundle.path())
                    .header(BUNDLE_SYMBOLIC_NAME, bundle.symbolicName())
                    .header(BUNDLE_VERSION, bundle.version().toString())
                    .endSection();
        }
        return text.toBytes();
    }

    /**
     * Reads a deployment package's manifest, refusing what Weir gateways cannot install yet.
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
        Map<String, String> sectionBySymbolicName = new HashMap<>();
        for (String path : order) {
            BundleEntry bundle = bundleSection(path, manifest.getAttributes(path));
            String other = sectionBySymbolicName.putIfAbsent(bundle.symbolicName(), path);
            if (other != null) {
                throw new DeploymentPackageException("sections " + other + " and " + path + " both hold bundle "
                        + bundle.symbolicName() + "; a deployment package holds one version of each bundle");
            }
            bundles.add(bundle);
        }
        return new DeploymentPackage(headers, bundles);
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
        return new PackageHeaders(symbolicName, version, name, fixPack);
    }

    private static BundleEntry bundleSection(String path, Attributes section) throws DeploymentPackageException {
        String missing = section.getValue(MISSING);
        if (missing != null && missing.trim().equalsIgnoreCase("true")) {
            throw new DeploymentPackageException("section " + path + " is marked " + MISSING + ": fix packs that "
                    + "leave bundles out are not supported yet; ship every bundle");
        }
        if (section.getValue(BUNDLE_SYMBOLIC_NAME) == null) {
            throw new DeploymentPackageException("section " + path + " has no " + BUNDLE_SYMBOLIC_NAME + ", so it "
                    + "describes a resource rather than a bundle; resources need a Resource-Processor, which Weir "
                    + "gateways do not have yet");
        }
        String where = "section " + path;
        String symbolicName = parse(where, section, BUNDLE_SYMBOLIC_NAME, SymbolicNames::of);
        OsgiVersion version = parse(where, section, BUNDLE_VERSION, OsgiVersion::parse);
        try {
            return new BundleEntry(path, symbolicName, version);
        } catch (IllegalArgumentException e) {
            throw new DeploymentPackageException("section " + path + " cannot name an entry: " + e.getMessage(), e);
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
