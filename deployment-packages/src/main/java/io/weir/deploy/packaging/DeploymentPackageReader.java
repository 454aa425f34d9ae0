package io.weir.deploy.packaging;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads a deployment package back and checks that it is well formed: the manifest comes first, every section's
 * entry is in the stream in the sections' order and nothing else is, and every entry is a bundle that is what its
 * section says. It reads the stream once, front to back, as Deployment Admin does, so that a gateway's deploy agent
 * can check a package while it downloads it.
 *
 * <p>Refuses what Weir gateways cannot install yet rather than half-accepting it: resources other than bundles,
 * fix packs that leave bundles out, and signed packages (their signatures would go unchecked).
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
            DeploymentPackage dp = DeploymentPackageManifest.read(manifest(zip));
            checkBundles(zip, dp.bundles());
            return dp;
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
        return zip.readAllBytes();
    }

    private static void checkBundles(ZipInputStream zip, List<BundleEntry> sections)
            throws IOException, DeploymentPackageException {
        Map<String, BundleEntry> sectionByPath = new HashMap<>();
        sections.forEach(section -> sectionByPath.put(section.path(), section));
        Set<String> seen = new HashSet<>();
        int next = 0;
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            String path = entry.getName();
            if (entry.isDirectory()) {
                continue; // folders carry nothing to install; some JAR tools write them
            }
            BundleEntry section = sectionByPath.get(path);
            if (section == null) {
                throw new DeploymentPackageException(isSignature(path)
                        ? "entry " + path + " signs the package; signed packages are not supported yet"
                        : "entry " + path + " is not named in the manifest");
            }
            if (!seen.add(path)) {
                throw new DeploymentPackageException("entry " + path + " appears twice");
            }
            BundleEntry expected = sections.get(next);
            if (!path.equals(expected.path())) {
                throw new DeploymentPackageException("entry " + path + " comes before " + expected.path()
                        + "; bundles must be stored in the order of the manifest's sections");
            }
            checkBundle(zip, section);
            next++;
        }
        if (next < sections.size()) {
            throw new DeploymentPackageException("section " + sections.get(next).path()
                    + " names an entry that the package does not contain");
        }
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

    // The JAR signing files, which the Deployment Admin spec places right after the manifest.
    private static boolean isSignature(String path) {
        String upper = path.toUpperCase(Locale.ROOT);
        return upper.startsWith("META-INF/") && upper.indexOf('/', "META-INF/".length()) < 0
                && (upper.endsWith(".SF") || upper.endsWith(".DSA") || upper.endsWith(".RSA")
                        || upper.endsWith(".EC"));
    }
}
