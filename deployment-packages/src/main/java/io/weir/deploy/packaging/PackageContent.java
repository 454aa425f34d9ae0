package io.weir.deploy.packaging;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What goes into a deployment package besides its headers.
 *
 * @param bundles bundle JARs, in the order they are to be stored and installed
 * @param resources other resources, stored after the bundles in this order
 * @param fixPackBase for a fix pack, the full package it updates: each of its bundles and resources that this
 *        content does not ship is kept on the gateway, marked {@code DeploymentPackage-Missing}
 */
public record PackageContent(List<Path> bundles, List<ResourceFile> resources, Optional<DeploymentPackage> fixPackBase) {

    public PackageContent {
        bundles = List.copyOf(bundles);
        resources = List.copyOf(resources);
        Objects.requireNonNull(fixPackBase, "fixPackBase");
    }

    public static PackageContent bundles(List<Path> bundles) {
        return new PackageContent(bundles, List.of(), Optional.empty());
    }
}
