package io.weir.deploy.packaging;

import java.util.List;
import java.util.Objects;

/**
 * A deployment package as its manifest describes it: who it is, its bundles in the order they are stored and
 * installed, then its other resources. Immutable, so a reader's result can be handed around a deploy agent freely.
 */
public record DeploymentPackage(PackageHeaders headers, List<BundleEntry> bundles, List<ResourceEntry> resources) {

    public DeploymentPackage {
        Objects.requireNonNull(headers, "headers");
        bundles = List.copyOf(bundles);
        resources = List.copyOf(resources);
    }

    /** A package of bundles only. */
    public DeploymentPackage(PackageHeaders headers, List<BundleEntry> bundles) {
        this(headers, bundles, List.of());
    }

    public String symbolicName() {
        return headers.symbolicName();
    }

    public OsgiVersion version() {
        return headers.version();
    }
}
