package io.weir.deploy.packaging;

import java.io.PrintWriter;

/** What {@code build} and {@code verify} print about a package: its identity, then its bundles in order. */
final class PackageListing {

    private PackageListing() {
    }

    static void print(DeploymentPackage dp, PrintWriter out) {
        PackageHeaders headers = dp.headers();
        out.println("  name:     " + headers.symbolicName() + headers.name().map(name -> " (" + name + ")").orElse(""));
        out.println("  version:  " + headers.version());
        headers.fixPack().ifPresent(range -> out.println("  fix pack: for installed versions " + range));
        out.println("  bundles:  " + dp.bundles().size());
        for (BundleEntry bundle : dp.bundles()) {
            out.println("    " + bundle.symbolicName() + " " + bundle.version() + "  " + bundle.path()
                    + (bundle.missing() ? "  (missing: kept as installed)" : ""));
        }
        if (!dp.resources().isEmpty()) {
            out.println("  resources: " + dp.resources().size());
            for (ResourceEntry resource : dp.resources()) {
                out.println("    " + resource.path() + "  -> " + resource.processorPid()
                        + (resource.missing() ? "  (missing: kept as installed)" : ""));
            }
        }
        if (!headers.expectedComponents().isEmpty()) {
            out.println("  expects:  " + String.join(", ", headers.expectedComponents()));
        }
        headers.downgradeFrom().ifPresent(range -> out.println("  may downgrade from: " + range));
        headers.minimumVersion().ifPresent(minimum -> out.println("  minimum version once installed: " + minimum));
        out.flush();
    }
}
