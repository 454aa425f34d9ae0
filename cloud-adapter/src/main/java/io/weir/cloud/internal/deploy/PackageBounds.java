package io.weir.cloud.internal.deploy;

import io.weir.cloud.deploy.PackageRefusedException;
import io.weir.cloud.deploy.PackageRefusedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Size limits checked while a package is streamed and inflated, before anything reads an entry into memory (the JDK's
 * JarInputStream reads a whole manifest at once): a small file that inflates to gigabytes is refused, not followed.
 */
final class PackageBounds {
    static final long MAX_FILE = 256L * 1024 * 1024;
    static final long MAX_INFLATED = 512L * 1024 * 1024;
    static final long MAX_MANIFEST = 1024 * 1024;
    static final int MAX_ENTRIES = 10_000;

    private PackageBounds() {
    }

    static void check(Path file, long size) throws IOException {
        if (size > MAX_FILE) {
            throw refused(file + " is " + size + " bytes; packages are limited to " + MAX_FILE);
        }
        long inflated = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw refused(file + " has more than " + MAX_ENTRIES + " entries");
                }
                boolean manifest = entry.getName().equalsIgnoreCase("META-INF/MANIFEST.MF");
                long entryBytes = 0;
                for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
                    entryBytes += n;
                    inflated += n;
                    if (manifest && entryBytes > MAX_MANIFEST) {
                        throw refused(file + ": its manifest inflates past " + MAX_MANIFEST + " bytes");
                    }
                    if (inflated > MAX_INFLATED) {
                        throw refused(file + " inflates past " + MAX_INFLATED + " bytes (at entry " + entry.getName()
                                + ")");
                    }
                }
            }
        } catch (ZipException e) {
            throw new PackageRefusedException(Reason.MALFORMED, file + " is not a readable package: " + e.getMessage());
        }
    }

    private static PackageRefusedException refused(String message) {
        return new PackageRefusedException(Reason.TOO_LARGE, message);
    }
}
