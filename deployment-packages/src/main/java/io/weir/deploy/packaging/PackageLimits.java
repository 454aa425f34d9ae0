package io.weir.deploy.packaging;

/**
 * How large a deployment package and its parts may be. Every one is checked while the package is read, before
 * anything is held in memory whole, so a small package that inflates to gigabytes (a zip bomb, or a manifest of a
 * billion bytes) is refused after reading a bounded amount of it.
 *
 * @param maxPackageBytes  the package file as downloaded
 * @param maxEntryBytes    one entry (a bundle, a resource) once inflated
 * @param maxExpandedBytes all entries together once inflated, the entries of the bundles inside counted too
 * @param maxManifestBytes the manifest and each signature file, of the package and of each bundle in it
 * @param maxEntries       entries in the package, those of the bundles inside counted too
 */
public record PackageLimits(long maxPackageBytes, long maxEntryBytes, long maxExpandedBytes, int maxManifestBytes,
        int maxEntries) {

    /** Room for a full gateway runtime (about 30 MB today) several times over; nothing a Raspberry Pi cannot hold. */
    public static final PackageLimits DEFAULTS = new PackageLimits(128L << 20, 64L << 20, 512L << 20, 1 << 20, 10_000);

    public PackageLimits {
        if (maxPackageBytes < 1 || maxEntryBytes < 1 || maxExpandedBytes < 1 || maxManifestBytes < 1
                || maxEntries < 1) {
            throw new IllegalArgumentException("every package limit must be positive");
        }
    }
}
