package io.weir.deploy.packaging;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/** Who a bundle says it is in its own manifest: what a deployment package's section must repeat. */
record BundleIdentity(String symbolicName, OsgiVersion version) {

    /**
     * Reads a JAR to its end and returns the identity its manifest states. Reading it whole, not just to the
     * manifest, checks every entry's CRC, so a truncated or corrupt bundle is refused here rather than by the
     * framework on a gateway. Does not close {@code jar}.
     *
     * @param where names the JAR in messages: a file, or an entry of a deployment package
     * @throws DeploymentPackageException if the JAR is unreadable or is not a bundle, saying why
     */
    static BundleIdentity read(InputStream jar, String where) throws IOException, DeploymentPackageException {
        Manifest manifest = null;
        boolean empty = true;
        try (ZipInputStream zip = new ZipInputStream(new FilterInputStream(jar) {
            @Override
            public void close() {
                // the caller owns the stream; it may be one entry of an enclosing deployment package
            }
        })) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                empty = false;
                // JarFile matches this name ignoring case; so does the framework
                if (manifest == null && entry.getName().equalsIgnoreCase(DeploymentPackageManifest.PATH)) {
                    manifest = new Manifest(new LimitedInputStream(zip, where + "'s manifest",
                            PackageLimits.DEFAULTS.maxManifestBytes()));
                }
            }
        } catch (ZipException e) {
            throw new DeploymentPackageException(where + " is not a readable JAR: " + e.getMessage(), e);
        } catch (LimitedInputStream.TooLarge e) {
            throw new DeploymentPackageException(e.getMessage(), e);
        }
        if (empty) {
            throw new DeploymentPackageException(where + " is not a JAR (no ZIP entries in it)");
        }
        if (manifest == null) {
            throw new DeploymentPackageException(where + " is not a bundle: it has no " + DeploymentPackageManifest.PATH);
        }
        return of(manifest.getMainAttributes(), where);
    }

    private static BundleIdentity of(Attributes headers, String where) throws DeploymentPackageException {
        String symbolicName = headers.getValue(DeploymentPackageManifest.BUNDLE_SYMBOLIC_NAME);
        if (symbolicName == null) {
            throw new DeploymentPackageException(where + " is not a bundle: its manifest has no "
                    + DeploymentPackageManifest.BUNDLE_SYMBOLIC_NAME);
        }
        // Without "2" the framework reads the manifest by the pre-R4 rules, which have no symbolic names.
        String manifestVersion = headers.getValue("Bundle-ManifestVersion");
        if (manifestVersion == null || !manifestVersion.trim().equals("2")) {
            throw new DeploymentPackageException(where + " is not an OSGi R4+ bundle: Bundle-ManifestVersion is "
                    + (manifestVersion == null ? "missing" : "'" + manifestVersion + "'") + ", not 2");
        }
        String name;
        try {
            name = SymbolicNames.of(symbolicName);
        } catch (IllegalArgumentException e) {
            throw new DeploymentPackageException(where + ": Bundle-SymbolicName is not valid: " + e.getMessage(), e);
        }
        String version = headers.getValue(DeploymentPackageManifest.BUNDLE_VERSION);
        if (version == null) {
            // the framework gives such a bundle version 0.0.0 (OSGi Core, "Bundle-Version")
            return new BundleIdentity(name, new OsgiVersion(0, 0, 0, ""));
        }
        try {
            return new BundleIdentity(name, OsgiVersion.parse(version));
        } catch (IllegalArgumentException e) {
            throw new DeploymentPackageException(where + ": Bundle-Version is malformed: " + e.getMessage(), e);
        }
    }
}
