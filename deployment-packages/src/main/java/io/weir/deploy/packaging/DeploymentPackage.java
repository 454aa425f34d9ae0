package io.weir.deploy.packaging;

import java.util.List;
import java.util.Objects;

/**
 * A deployment package as its manifest describes it: who it is, and its bundles in the order they are stored and
 * installed. Immutable, so a reader's result can be handed around a deploy agent freely.
 */
public record DeploymentPackage(PackageHeaders headers, List<BundleEntry> bundles) {

    public DeploymentPackage {
        Objects.requireNonNull(headers, "headers");
        bundles = List.copyOf(bundles);
    }

    public String symbolicName() {
        return headers.symbolicName();
    }

    public OsgiVersion version() {
        return headers.version();
    }
}
