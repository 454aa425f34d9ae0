package io.weir.deploy.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.weir.deploy.packaging.OsgiVersion;
import io.weir.deploy.packaging.PackageLimits;

/**
 * The agent's settings, checked.
 *
 * @param workDir where downloads, kept packages and the job file live: {@code <weir.data.dir>/deploy}
 * @param trustedCertificates a directory of trusted signer certificates, or empty: every package is refused
 * @param httpsCaFile a PEM file of the package servers' CAs, or empty: every download is refused
 * @param limits how large a package and its parts may be
 * @param minimumVersions per package name, the lowest version installed from now on
 */
record DeployOptions(Path workDir, Optional<Path> trustedCertificates, Optional<Path> httpsCaFile,
        Duration healthTimeout, List<String> expectedComponents, Duration downloadTimeout, PackageLimits limits,
        Map<String, OsgiVersion> minimumVersions) {

    DeployOptions {
        Objects.requireNonNull(workDir, "workDir");
        expectedComponents = List.copyOf(expectedComponents);
        minimumVersions = Map.copyOf(minimumVersions);
    }

    /** Where the gateway's installer puts the trusted signers' certificates unless configured: beside the site file. */
    static final String TRUSTED_SIGNERS_DIR = "trusted-signers";
    /** Where the installer puts the package servers' CAs unless configured: beside the site file. */
    static final String DOWNLOAD_CA_FILE = "download-ca.pem";

    /**
     * @param siteFile the site file (as {@link ResourceTargets} resolves it); unless configured,
     *                 {@value #TRUSTED_SIGNERS_DIR}/ beside it holds the trusted signers, and {@value #DOWNLOAD_CA_FILE}
     *                 beside it the package servers' CAs. Trust is provisioned on the gateway, never in a file that a
     *                 pushed package may replace.
     * @throws IllegalArgumentException naming a minimum version that is not {@code name:version}
     */
    static DeployOptions of(DeployConfig config, String dataDir, Path siteFile) {
        Path work = Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir.trim(), "deploy");
        Path beside = siteFile.toAbsolutePath().getParent();
        Optional<Path> trusted = path(config.trustedCertificates())
                .or(() -> Optional.of(beside.resolve(TRUSTED_SIGNERS_DIR)).filter(Files::isDirectory));
        Optional<Path> caFile = path(config.httpsCaFile())
                .or(() -> Optional.of(beside.resolve(DOWNLOAD_CA_FILE)).filter(Files::isRegularFile));
        PackageLimits limits = new PackageLimits((long) config.maxPackageMiB() << 20,
                (long) config.maxEntryMiB() << 20, (long) config.maxExpandedMiB() << 20,
                config.maxManifestKiB() << 10, config.maxEntries());
        return new DeployOptions(work, trusted, caFile, Duration.ofSeconds(config.healthTimeoutSeconds()),
                List.of(config.expectedComponents()), Duration.ofSeconds(config.downloadTimeoutSeconds()), limits,
                minimumVersions(config.minimumVersions()));
    }

    /** Whether package servers can be trusted at all: with no CA configured, every download is refused. */
    boolean downloadTrusted() {
        return httpsCaFile.isPresent();
    }

    private static Map<String, OsgiVersion> minimumVersions(String[] pairs) {
        Map<String, OsgiVersion> minimums = new LinkedHashMap<>();
        for (String pair : pairs) {
            int colon = pair.lastIndexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new IllegalArgumentException("minimumVersions: '" + pair + "' is not name:version");
            }
            minimums.put(pair.substring(0, colon).trim(), OsgiVersion.parse(pair.substring(colon + 1)));
        }
        return minimums;
    }

    private static Optional<Path> path(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.trim()));
    }
}
