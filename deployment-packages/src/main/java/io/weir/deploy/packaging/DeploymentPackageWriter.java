package io.weir.deploy.packaging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
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
 * <p>Resources other than bundles (device profiles, site files) follow the bundles; the gateway installs them
 * through the Resource-Processor their section names. A fix pack ships only what changed: every bundle and
 * resource of its base package that it does not carry gets a section marked {@code DeploymentPackage-Missing}.
 * Every carried entry's section holds its {@code SHA-256-Digest}, so that {@link DeploymentPackageSigner} signs the
 * package without rewriting the manifest.
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
        return write(headers, PackageContent.bundles(bundles), target);
    }

    /**
     * Writes a deployment package of bundles and resources, perhaps a fix pack, to {@code target}, atomically.
     *
     * @throws DeploymentPackageException as {@link #write(PackageHeaders, List, Path)}, and when a fix pack's base
     *         is not a version the fix pack applies to
     */
    public static DeploymentPackage write(PackageHeaders headers, PackageContent content, Path target)
            throws IOException, DeploymentPackageException {
        Inspected contents = inspect(headers, content);
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
        return write(headers, PackageContent.bundles(bundles), out);
    }

    /** Writes a package of bundles and resources to {@code out}, which stays open. */
    public static DeploymentPackage write(PackageHeaders headers, PackageContent content, OutputStream out)
            throws IOException, DeploymentPackageException {
        return writeInspected(headers, inspect(headers, content), out);
    }

    private static DeploymentPackage writeInspected(PackageHeaders headers, Inspected contents, OutputStream out)
            throws IOException {
        List<BundleEntry> bundles = new ArrayList<>(contents.bundles().stream().map(Bundle::entry).toList());
        List<ResourceEntry> resources = new ArrayList<>(contents.resources().stream().map(Resource::entry).toList());
        bundles.addAll(contents.missingBundles());
        resources.addAll(contents.missingResources());
        DeploymentPackage dp = new DeploymentPackage(headers, bundles, resources);
        Map<String, String> digests = new HashMap<>();
        contents.bundles().forEach(bundle -> digests.put(bundle.entry().path(), sha256(bundle.content())));
        contents.resources().forEach(resource -> digests.put(resource.entry().path(), sha256(resource.content())));

        ZipOutputStream zip = new ZipOutputStream(out);
        // The manifest is the very first entry, with no META-INF/ folder entry before it, as the spec asks.
        store(zip, DeploymentPackageManifest.PATH, DeploymentPackageManifest.write(dp, digests::get));
        for (Bundle bundle : contents.bundles()) {
            store(zip, bundle.entry().path(), bundle.content());
        }
        for (Resource resource : contents.resources()) {
            store(zip, resource.entry().path(), resource.content());
        }
        zip.finish();
        return dp;
    }

    private static String sha256(byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
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

    private static Inspected inspect(PackageHeaders headers, PackageContent content)
            throws IOException, DeploymentPackageException {
        List<Bundle> bundles = inspect(content.bundles());
        List<Resource> resources = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        bundles.forEach(bundle -> paths.add(bundle.entry().path()));
        for (ResourceFile file : content.resources()) {
            if (!paths.add(file.path())) {
                throw new DeploymentPackageException(file.file() + " would be stored as " + file.path()
                        + ", which another entry already is");
            }
            resources.add(new Resource(new ResourceEntry(file.path(), file.processorPid(), false),
                    Files.readAllBytes(file.file())));
        }
        if (content.fixPackBase().isEmpty()) {
            return new Inspected(bundles, resources, List.of(), List.of());
        }
        DeploymentPackage base = content.fixPackBase().get();
        if (headers.fixPack().isEmpty()) {
            throw new DeploymentPackageException("a base package is given, but no fix-pack range: only a fix pack "
                    + "leaves out what its base has");
        }
        if (!base.symbolicName().equals(headers.symbolicName())) {
            throw new DeploymentPackageException("the base package is " + base.symbolicName() + ", not "
                    + headers.symbolicName());
        }
        if (!headers.fixPack().get().includes(base.version())) {
            throw new DeploymentPackageException("the base package's version " + base.version()
                    + " is outside the fix pack's range " + headers.fixPack().get());
        }
        Set<String> shippedBundles = new HashSet<>();
        bundles.forEach(bundle -> shippedBundles.add(bundle.entry().symbolicName()));
        List<BundleEntry> missingBundles = new ArrayList<>();
        for (BundleEntry old : base.bundles()) {
            if (!shippedBundles.contains(old.symbolicName())) {
                if (!paths.add(old.path())) {
                    throw new DeploymentPackageException("base bundle " + old.symbolicName() + " is stored as "
                            + old.path() + ", which a shipped entry also is; rename the shipped file");
                }
                missingBundles.add(new BundleEntry(old.path(), old.symbolicName(), old.version(), true));
            }
        }
        List<ResourceEntry> missingResources = new ArrayList<>();
        for (ResourceEntry old : base.resources()) {
            if (paths.add(old.path())) {
                missingResources.add(new ResourceEntry(old.path(), old.processorPid(), true));
            }
        }
        return new Inspected(bundles, resources, missingBundles, missingResources);
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

    private record Resource(ResourceEntry entry, byte[] content) {
    }

    private record Inspected(List<Bundle> bundles, List<Resource> resources, List<BundleEntry> missingBundles,
            List<ResourceEntry> missingResources) {
    }
}
