package io.weir.deploy.packaging;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The first look at a package, before anything reads a part of it whole: one pass, front to back, that inflates
 * every entry, and every entry of every bundle inside, to nowhere while counting them against {@link PackageLimits}.
 * Only once it passes may the JDK's JAR verifier (which reads the manifest and the signature files into memory) and
 * the structure check (which reads each bundle's manifest) see the file. A zip bomb costs a bounded amount of
 * reading and no memory.
 */
final class PackageScan {

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private final PackageLimits limits;
    private long expanded;
    private int entries;

    private PackageScan(PackageLimits limits) {
        this.limits = limits;
    }

    /**
     * @throws LimitedInputStream.TooLarge naming the part over its limit
     * @throws DeploymentPackageException when the file is not a readable JAR
     */
    static void check(Path file, PackageLimits limits) throws IOException, DeploymentPackageException {
        long size = Files.size(file);
        if (size > limits.maxPackageBytes()) {
            throw new LimitedInputStream.TooLarge("the package (" + size + " bytes)", limits.maxPackageBytes());
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
                ZipInputStream zip = new ZipInputStream(in)) {
            new PackageScan(limits).entries(zip, "");
        } catch (ZipException | IllegalArgumentException e) {
            // ZipInputStream refuses a name that is not valid UTF-8 with an IllegalArgumentException
            throw new DeploymentPackageException("not a readable JAR: " + e.getMessage(), e);
        }
    }

    private void entries(ZipInputStream zip, String inside) throws IOException {
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            String name = inside + entry.getName();
            if (++entries > limits.maxEntries()) {
                throw new LimitedInputStream.TooLarge("the number of entries (at " + name + ")", limits.maxEntries());
            }
            boolean small = isManifest(entry.getName()) || EntryPaths.isSignature(entry.getName());
            var content = new LimitedInputStream(zip, "entry " + name, small ? limits.maxManifestBytes()
                    : limits.maxEntryBytes());
            if (!small && inside.isEmpty()) {
                nested(content, name);
            }
            content.transferTo(OutputStream.nullOutputStream());
            expanded += content.count();
            if (expanded > limits.maxExpandedBytes()) {
                throw new LimitedInputStream.TooLarge("the package's content, inflated (at " + name + "),",
                        limits.maxExpandedBytes());
            }
        }
    }

    /** An entry that is itself a JAR (a bundle): its entries count too. What is not a readable JAR is left alone. */
    private void nested(InputStream content, String name) throws IOException {
        var start = new PushbackInputStream(content, ZIP_MAGIC.length);
        byte[] magic = start.readNBytes(ZIP_MAGIC.length);
        start.unread(magic);
        if (!Arrays.equals(magic, ZIP_MAGIC)) {
            return;
        }
        try {
            entries(new ZipInputStream(start), name + "!/");
        } catch (ZipException | IllegalArgumentException e) {
            // not our verdict to give: the structure check names a broken bundle properly
        }
    }

    private static boolean isManifest(String name) {
        return name.equalsIgnoreCase(DeploymentPackageManifest.PATH);
    }
}
