package io.weir.deploy.packaging;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads a deployment package back and checks that it is well formed: the manifest comes first, every section's
 * entry is in the stream (unless a fix pack marks it missing) and nothing else is, bundles before other resources,
 * and every bundle is what its section says. It reads the stream once, front to back, as Deployment Admin does, so that a gateway's deploy agent
 * can check a package while it downloads it.
 *
 * <p>Signature files (a signed package's {@code META-INF/*.SF} and signature blocks) are accepted only right after the
 * manifest, where the specification puts them and where a streaming verifier sees them before the entries they
 * sign. This reader checks the structure only; {@link DeploymentPackageVerifier} checks the signature.
 */
public final class DeploymentPackageReader {

    private DeploymentPackageReader() {
    }

    /**
     * Reads and checks the deployment package in {@code file}.
     *
     * @throws DeploymentPackageException naming the entry or header and what is wrong with it
     */
    public static DeploymentPackage read(Path file) throws IOException, DeploymentPackageException {
        return read(file, PackageLimits.DEFAULTS);
    }

    /**
     * Reads and checks the deployment package in {@code file}, refusing it unread once a part is over its limit.
     *
     * @throws DeploymentPackageException naming the entry or header and what is wrong with it, or the limit crossed
     */
    public static DeploymentPackage read(Path file, PackageLimits limits) throws IOException,
            DeploymentPackageException {
        try {
            PackageScan.check(file, limits);
        } catch (LimitedInputStream.TooLarge e) {
            throw new DeploymentPackageException(e.getMessage(), e);
        }
        return readScanned(file);
    }

    /** For a file {@link PackageScan} has passed: nothing in it is large enough to hurt when read whole. */
    static DeploymentPackage readScanned(Path file) throws IOException, DeploymentPackageException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(in);
        }
    }

    /**
     * Reads and checks a deployment package to the end of its stream. Does not close {@code in}.
     *
     * @throws DeploymentPackageException naming the entry or header and what is wrong with it
     */
    public static DeploymentPackage read(InputStream in) throws IOException, DeploymentPackageException {
        ZipInputStream zip = new ZipInputStream(in);
        try {
            return inStreamOrder(DeploymentPackageManifest.read(manifest(zip)), zip);
        } catch (ZipException e) {
            throw new DeploymentPackageException("not a readable JAR: " + e.getMessage(), e);
        }
    }

    private static byte[] manifest(ZipInputStream zip) throws IOException, DeploymentPackageException {
        ZipEntry first = zip.getNextEntry();
        if (first == null) {
            throw new DeploymentPackageException("not a deployment package: no JAR entries");
        }
        // The jar tool writes a META-INF/ folder entry first, and JarInputStream, which Deployment Admin
        // implementations read packages with, looks past it; so do we.
        if (first.isDirectory() && first.getName().equalsIgnoreCase("META-INF/")) {
            first = zip.getNextEntry();
        }
        if (first == null) {
            throw new DeploymentPackageException("no " + DeploymentPackageManifest.PATH + " after META-INF/");
        }
        if (!first.getName().equals(DeploymentPackageManifest.PATH)) {
            throw new DeploymentPackageException("the first entry is " + first.getName()
                    + ", but a deployment package must start with " + DeploymentPackageManifest.PATH);
        }
        byte[] manifest = zip.readNBytes(PackageLimits.DEFAULTS.maxManifestBytes() + 1);
        if (manifest.length > PackageLimits.DEFAULTS.maxManifestBytes()) {
            throw new DeploymentPackageException(DeploymentPackageManifest.PATH + " is larger than "
                    + PackageLimits.DEFAULTS.maxManifestBytes() + " bytes");
        }
        return manifest;
    }

    /**
     * Checks the entries against the manifest and returns the package with its bundles and resources in the order
     * the stream holds them: the order Deployment Admin installs them in. Not the sections' order, which JAR
     * signing does not keep (the JDK's signer writes the manifest's sections back in hash order). The stream holds
     * the signature files first, then the bundles, then the resources; the missing entries of a fix pack follow in
     * the result, in their sections' order.
     */
    private static DeploymentPackage inStreamOrder(DeploymentPackage dp, ZipInputStream zip)
            throws IOException, DeploymentPackageException {
        Map<String, BundleEntry> bundleByPath = new LinkedHashMap<>();
        Map<String, ResourceEntry> resourceByPath = new LinkedHashMap<>();
        dp.bundles().forEach(bundle -> bundleByPath.put(bundle.path(), bundle));
        dp.resources().forEach(resource -> resourceByPath.put(resource.path(), resource));
        List<BundleEntry> bundles = new ArrayList<>();
        List<ResourceEntry> resources = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String previous = DeploymentPackageManifest.PATH;
        boolean pastSignatures = false;
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            String path = entry.getName();
            if (entry.isDirectory()) {
                continue; // folders carry nothing to install; some JAR tools write them
            }
            if (EntryPaths.isSignature(path)) {
                if (pastSignatures) {
                    throw new DeploymentPackageException("signature file " + path + " comes after " + previous
                            + "; signature files must directly follow the manifest");
                }
                previous = path;
                continue;
            }
            pastSignatures = true;
            if (!seen.add(path)) {
                throw new DeploymentPackageException("entry " + path + " appears twice");
            }
            BundleEntry bundle = bundleByPath.get(path);
            ResourceEntry resource = resourceByPath.get(path);
            if (bundle == null && resource == null) {
                throw new DeploymentPackageException("entry " + path + " is not named in the manifest");
            }
            if ((bundle != null && bundle.missing()) || (resource != null && resource.missing())) {
                throw new DeploymentPackageException("entry " + path + " is in the package, but its section marks "
                        + "it " + DeploymentPackageManifest.MISSING);
            }
            if (bundle != null) {
                if (!resources.isEmpty()) {
                    throw new DeploymentPackageException("bundle " + path + " comes after resource "
                            + resources.get(resources.size() - 1).path() + "; bundles must come first");
                }
                checkBundle(zip, bundle);
                bundles.add(bundle);
            } else {
                resources.add(resource);
            }
            previous = path;
        }
        for (BundleEntry bundle : bundleByPath.values()) {
            if (!seen.contains(bundle.path()) && !bundle.missing()) {
                throw new DeploymentPackageException("section " + bundle.path()
                        + " names an entry that the package does not contain");
            }
            if (bundle.missing()) {
                bundles.add(bundle);
            }
        }
        for (ResourceEntry resource : resourceByPath.values()) {
            if (!seen.contains(resource.path()) && !resource.missing()) {
                throw new DeploymentPackageException("section " + resource.path()
                        + " names an entry that the package does not contain");
            }
            if (resource.missing()) {
                resources.add(resource);
            }
        }
        return new DeploymentPackage(dp.headers(), bundles, resources);
    }

    private static void checkBundle(ZipInputStream zip, BundleEntry section)
            throws IOException, DeploymentPackageException {
        BundleIdentity actual = BundleIdentity.read(zip, "entry " + section.path());
        try {
            // reads what reading the bundle left (its central directory, perhaps) and checks the entry's CRC
            zip.closeEntry();
        } catch (ZipException e) {
            throw new DeploymentPackageException("entry " + section.path() + " is not a readable JAR: "
                    + e.getMessage(), e);
        }
        if (!actual.symbolicName().equals(section.symbolicName())) {
            throw new DeploymentPackageException("entry " + section.path() + " is bundle " + actual.symbolicName()
                    + ", but its section says " + section.symbolicName());
        }
        if (!actual.version().equals(section.version())) {
            throw new DeploymentPackageException("entry " + section.path() + " is version " + actual.version()
                    + " of " + actual.symbolicName() + ", but its section says " + section.version());
        }
    }

}
