package io.weir.cloud.deploy;

import java.time.Instant;

/** A registered deployment package; {@code sizeBytes} is null when it was registered without its file. */
public record DeploymentPackageInfo(String name, String version, String url, String sha256, Long sizeBytes,
                                    Instant registeredAt) {
}
