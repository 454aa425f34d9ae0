package io.weir.deploy.internal;

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

    static DeployOptions of(DeployConfig config, String dataDir) {
        Path work = config.workDir().isBlank()
                ? Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir.trim(), "deploy")
                : Path.of(config.workDir().trim());
        return new DeployOptions(work, path(config.trustedCertificates()), path(config.trustStore()),
                config._trustStorePassword().toCharArray(), path(config.httpsTrustStore()),
                config._httpsTrustStorePassword().toCharArray(), Duration.ofSeconds(config.healthTimeoutSeconds()),
                List.of(config.expectedComponents()), Duration.ofSeconds(config.downloadTimeoutSeconds()));
    }

    private static Optional<Path> path(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.trim()));
    }
}
