package io.weir.cloud.deploy;

import java.nio.file.Path;

/**
 * A deployment package to register. Either {@code file} (the .dp itself: the adapter reads name and version from
 * its manifest and computes the SHA-256) or {@code name}, {@code version} and {@code sha256}; given both ways, they
 * must agree.
 *
 * @param url where gateways download it (https)
 */
public record PackageRegistration(String name, String version, String url, String sha256, Path file) {

    public static PackageRegistration ofFile(Path file, String url) {
        return new PackageRegistration(null, null, url, null, file);
    }

    public static PackageRegistration of(String name, String version, String url, String sha256) {
        return new PackageRegistration(name, version, url, sha256, null);
    }
}
