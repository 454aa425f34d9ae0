package io.weir.deploy.packaging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an OSGi deployment package (OSGi Compendium, Deployment Admin Specification): a JAR whose first entry is
 * its manifest, followed by the bundles, as {@code bundles/<file name>}, in the order their sections list them.
 *
 * <p>Only bundles for now. Other resources (device profiles, rules, configuration) are installed by a
 * Resource-Processor service on the target, and Weir gateways have none yet; a package carrying them would fail
 * there, so this writer offers no way to add them. Signing comes with the deploy agent that checks signatures.
 *
 * <p>The output is reproducible: the same headers and bundle files give the same bytes, whenever and wherever they
 * are written.
 */
public final class DeploymentPackageWriter {

    static final String BUNDLE_FOLDER = "bundles/";

    /**
     * Every entry's time. Fixed, so that output does not depend on when it was written; stored as a local date and
     * time, so that it does not depend on the build machine's time zone either. A month after the ZIP format's first
     * representable day, so that no reader's time-zone conversion takes it out of range.
     */
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 2, 1, 0, 0);

    private DeploymentPackageWriter() {
    }

    /**
     * Writes a deployment package to {@code target}, atomically: the file appears complete or not at all, and is
     * not touched if a bundle is refused.
     *
     * @param bundles the bundle JARs, in the order they are to be stored and installed
     * @return what was written
     * @throws DeploymentPackageException if a file is not a bundle, two bundles share a symbolic name, or a
     *         manifest is malformed; the message names the file and the problem
     */
    public static DeploymentPackage write(PackageHeaders headers, List<Path> bundles, Path target)
            throws IOException, DeploymentPackageException {
        List<Bundle> contents = inspect(bundles);
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        // Next to the target, so that the move is a rename; not Files.createTempFile, whose owner-only permissions
        // would follow the package to wherever it is served from. A partial file left by a crash is overwritten.
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        try {
            DeploymentPackage written;
            try (OutputStream out = Files.newOutputStream(partial)) {
                written = writeInspected(headers, contents, out);
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Writes a deployment package to {@code out}, which stays open: the caller owns it. Every bundle is read and
     * checked before the first byte is written.
     *
     * @param bundles the bundle JARs, in the order they are to be stored and installed
     * @return what was written
     * @throws DeploymentPackageException as {@link #write(PackageHeaders, List, Path)}
     */
    public static DeploymentPackage write(PackageHeaders headers, List<Path> bundles, OutputStream out)
            throws IOException, DeploymentPackageException {
        return writeInspected(headers, inspect(bundles), out);
    }

    private static DeploymentPackage writeInspected(PackageHeaders headers, List<Bundle> bundles, OutputStream out)
            throws IOException {
        DeploymentPackage dp = new DeploymentPackage(headers, bundles.stream().map(Bundle::entry).toList());
        ZipOutputStream zip = new ZipOutputStream(out);
        // The manifest is the very first entry, with no META-INF/ folder entry before it, as the spec asks.
        store(zip, DeploymentPackageManifest.PATH, DeploymentPackageManifest.write(dp));
        for (Bundle bundle : bundles) {
            store(zip, bundle.entry().path(), bundle.content());
        }
        zip.finish();
        return dp;
    }

    // STORED, not deflated: bundles are compressed JARs already, and stored bytes do not depend on the zlib build.
    private static void store(ZipOutputStream zip, String path, byte[] content) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(content);
        ZipEntry entry = new ZipEntry(path);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        entry.setCrc(crc.getValue());
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    /**
     * Reads every bundle once, whole: what is checked is exactly what is written, even if a file changes meanwhile.
     * A gateway's bundles are a few megabytes, so holding them in memory is cheap.
     */
    private static List<Bundle> inspect(List<Path> files) throws IOException, DeploymentPackageException {
        List<Bundle> bundles = new ArrayList<>();
        Map<String, Path> fileByPath = new HashMap<>();
        Map<String, Path> fileBySymbolicName = new HashMap<>();
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            BundleIdentity identity = BundleIdentity.read(new ByteArrayInputStream(content), file.toString());
            BundleEntry entry = entry(file, identity);
            Path sameName = fileByPath.putIfAbsent(entry.path(), file);
            if (sameName != null) {
                throw new DeploymentPackageException(sameName + " and " + file + " would both be stored as "
                        + entry.path() + "; rename one of them");
            }
            Path sameBundle = fileBySymbolicName.putIfAbsent(identity.symbolicName(), file);
            if (sameBundle != null) {
                throw new DeploymentPackageException(sameBundle + " and " + file + " are both bundle "
                        + identity.symbolicName() + "; a deployment package holds one version of each bundle");
            }
            bundles.add(new Bundle(entry, content));
        }
        return bundles;
    }

    private static BundleEntry entry(Path file, BundleIdentity identity) throws DeploymentPackageException {
        try {
            return new BundleEntry(BUNDLE_FOLDER + file.getFileName(), identity.symbolicName(), identity.version());
        } catch (IllegalArgumentException e) {
            throw new DeploymentPackageException(file + " cannot be stored under its file name: " + e.getMessage(), e);
        }
    }

    private record Bundle(BundleEntry entry, byte[] content) {
    }
}
