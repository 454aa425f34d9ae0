package io.weir.deploy.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Weir deploy agent",
        description = "Installs signed deployment packages pushed by operations, checks their health and rolls back")
@interface DeployConfig {

    @AttributeDefinition(name = "Trusted certificates directory", description = "Directory of certificates "
            + "(*.pem, *.crt, *.cer, *.der) whose keys may sign packages; empty for trusted-signers/ beside the site "
            + "file. With none, every package is refused.")
    String trustedCertificates() default "";

    @AttributeDefinition(name = "HTTPS CA file", description = "PEM file of the CAs that sign the package servers' "
            + "certificates; empty for download-ca.pem beside the site file. Never the JVM's default CAs: with none, "
            + "every download is refused.")
    String httpsCaFile() default "";

    @AttributeDefinition(name = "Health check timeout (s)", min = "1", max = "3600",
            description = "How long the expected components may take to become active or satisfied after an "
                    + "install before the agent rolls back")
    int healthTimeoutSeconds() default 60;

    @AttributeDefinition(name = "Expected components", description = "DS component names that must be active or "
            + "satisfied after every install, besides those a package names in Weir-Expected-Components")
    String[] expectedComponents() default {};

    @AttributeDefinition(name = "Download timeout (s)", min = "1", max = "3600",
            description = "Connect timeout, and the longest a download may stall")
    int downloadTimeoutSeconds() default 30;

    @AttributeDefinition(name = "Largest package (MiB)", min = "1", max = "4096",
            description = "A download larger than this is cut off and the job fails")
    int maxPackageMiB() default 128;

    @AttributeDefinition(name = "Largest entry (MiB)", min = "1", max = "4096",
            description = "One bundle or resource of a package, inflated")
    int maxEntryMiB() default 64;

    @AttributeDefinition(name = "Largest inflated content (MiB)", min = "1", max = "65536",
            description = "All entries of a package together, inflated, those inside its bundles counted too")
    int maxExpandedMiB() default 512;

    @AttributeDefinition(name = "Largest manifest (KiB)", min = "1", max = "65536",
            description = "A package's or a bundle's manifest, and each signature file")
    int maxManifestKiB() default 1024;

    @AttributeDefinition(name = "Most entries", min = "1", max = "1000000",
            description = "Entries in a package, those inside its bundles counted too")
    int maxEntries() default 10_000;

    @AttributeDefinition(name = "Minimum versions", description = "name:version pairs, e.g. "
            + "io.weir.gateway:1.2.0: no version of that package below it is installed. Packages raise such "
            + "minimums for good with their signed Weir-Minimum-Version header.")
    String[] minimumVersions() default {};
}
