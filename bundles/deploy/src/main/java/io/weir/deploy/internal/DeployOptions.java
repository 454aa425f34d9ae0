package io.weir.deploy.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent's settings, checked.
 *
 * @param workDir where downloads, kept packages and the job file live
 * @param trustedCertificates a directory of trusted signer certificates, or empty
 * @param trustStore a store of trusted signer certificates, or empty
 * @param httpsTrustStore the CAs of package servers, or empty for the JVM's defaults
 */
record DeployOptions(Path workDir, Optional<Path> trustedCertificates, Optional<Path> trustStore,
        char[] trustStorePassword, Optional<Path> httpsTrustStore, char[] httpsTrustStorePassword,
        Duration healthTimeout, List<String> expectedComponents, Duration downloadTimeout) {

    DeployOptions {
        Objects.requireNonNull(workDir, "workDir");
        expectedComponents = List.copyOf(expectedComponents);
    }

    /** Where the gateway's installer puts the trusted signers' certificates unless configured: beside the site file. */
    static final String TRUSTED_SIGNERS_DIR = "trusted-signers";

    /**
     * @param siteFile the site file (as {@link ResourceTargets} resolves it); when neither trusted certificates nor
     *                 a trust store is configured, {@value #TRUSTED_SIGNERS_DIR}/ beside it holds the trusted signers.
     *                 The trust is provisioned on the gateway, never in a file that a pushed package may replace.
     */
    static DeployOptions of(DeployConfig config, String dataDir, Path siteFile) {
        Path work = config.workDir().isBlank()
                ? Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir.trim(), "deploy")
                : Path.of(config.workDir().trim());
        Optional<Path> trusted = path(config.trustedCertificates());
        if (trusted.isEmpty() && path(config.trustStore()).isEmpty()) {
            Path beside = siteFile.toAbsolutePath().getParent().resolve(TRUSTED_SIGNERS_DIR);
            trusted = Files.isDirectory(beside) ? Optional.of(beside) : Optional.empty();
        }
        return new DeployOptions(work, trusted, path(config.trustStore()),
                config._trustStorePassword().toCharArray(), path(config.httpsTrustStore()),
                config._httpsTrustStorePassword().toCharArray(), Duration.ofSeconds(config.healthTimeoutSeconds()),
                List.of(config.expectedComponents()), Duration.ofSeconds(config.downloadTimeoutSeconds()));
    }

    private static Optional<Path> path(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.trim()));
    }
}
