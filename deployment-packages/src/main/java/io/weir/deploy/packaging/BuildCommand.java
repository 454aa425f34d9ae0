package io.weir.deploy.packaging;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code build}: writes a deployment package of the given bundles, in the order given. */
@Command(name = "build", description = "Write a deployment package of the given bundles, stored in the order given, "
        + "and of resources (device profiles, site files) for the gateway's resource processor.")
final class BuildCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Option(names = "--name", required = true, paramLabel = "SYMBOLIC-NAME",
            description = "DeploymentPackage-SymbolicName, e.g. io.weir.gateway.")
    String symbolicName;

    @Option(names = "--version", required = true, paramLabel = "VERSION",
            description = "DeploymentPackage-Version, an OSGi version, e.g. 0.1.0 or 0.1.0.SNAPSHOT.")
    OsgiVersion version;

    @Option(names = "--display-name", paramLabel = "TEXT", description = "DeploymentPackage-Name, a name for people.")
    String displayName;

    @Option(names = "--fix-pack", paramLabel = "RANGE",
            description = "Make it a fix pack for the installed versions in RANGE (DeploymentPackage-FixPack), "
                    + "e.g. [0.1.0,0.2.0).")
    VersionRange fixPack;

    @Option(names = "--base", paramLabel = "FILE",
            description = "With --fix-pack: the full package the fix pack updates. Its bundles and resources that "
                    + "are not given here stay as installed (DeploymentPackage-Missing).")
    Path base;

    @Option(names = "--resource", paramLabel = "ENTRY=FILE",
            description = "A resource: FILE stored as ENTRY, e.g. profiles/radar.yaml=radar.yaml or "
                    + "site/site.yaml=site.yaml. Repeatable; stored after the bundles in the order given.")
    List<String> resources = new ArrayList<>();

    @Option(names = "--resource-processor", paramLabel = "PID", defaultValue = ResourceEntry.WEIR_PROCESSOR,
            description = "The Resource-Processor of the resources (default: ${DEFAULT-VALUE}).")
    String processor;

    @Option(names = "--expect-component", paramLabel = "NAME",
            description = "A DS component that must be active or satisfied before the gateway calls the "
                    + "installation healthy (Weir-Expected-Components). Repeatable.")
    List<String> expectedComponents = new ArrayList<>();

    @Option(names = "--allow-downgrade-from", paramLabel = "RANGE",
            description = "Let gateways install this package over the installed versions in RANGE although it is "
                    + "not newer (Weir-Allow-Downgrade-From): a deliberate rollback, e.g. [1.1.0,1.1.0]. Without it "
                    + "a gateway installs a package only over an older version.")
    VersionRange downgradeFrom;

    @Option(names = "--minimum-version", paramLabel = "VERSION",
            description = "Once this package is installed and healthy, gateways refuse every version of it below "
                    + "VERSION for good (Weir-Minimum-Version); at most the package's own version.")
    OsgiVersion minimumVersion;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The .dp file to write.")
    Path out;

    @Parameters(arity = "0..*", paramLabel = "BUNDLE", description = "Bundle JARs.")
    List<Path> bundles = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PackageHeaders headers;
        List<ResourceFile> resourceFiles = new ArrayList<>();
        try {
            headers = new PackageHeaders(symbolicName, version, Optional.ofNullable(displayName),
                    Optional.ofNullable(fixPack), expectedComponents, Optional.ofNullable(downgradeFrom),
                    Optional.ofNullable(minimumVersion));
            for (String resource : resources) {
                int equals = resource.indexOf('=');
                if (equals <= 0 || equals == resource.length() - 1) {
                    throw new IllegalArgumentException("--resource '" + resource + "' is not ENTRY=FILE");
                }
                resourceFiles.add(new ResourceFile(resource.substring(0, equals),
                        Path.of(resource.substring(equals + 1)), processor));
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage()); // says which value is wrong
        }
        if (bundles.isEmpty() && resourceFiles.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give at least one bundle or --resource");
        }
        if (base != null && fixPack == null) {
            throw new ParameterException(spec.commandLine(), "--base needs --fix-pack");
        }
        try {
            Optional<DeploymentPackage> basePackage = base == null
                    ? Optional.empty()
                    : Optional.of(DeploymentPackageReader.read(base));
            DeploymentPackage written = DeploymentPackageWriter.write(headers,
                    new PackageContent(bundles, resourceFiles, basePackage), out);
            spec.commandLine().getOut().println("wrote " + out);
            PackageListing.print(written, spec.commandLine().getOut());
            return 0;
        } catch (DeploymentPackageException e) {
            spec.commandLine().getErr().println("error: cannot build " + out + ": " + e.getMessage());
            return 1;
        }
    }
}
