package io.weir.deploy.packaging;

import java.io.IOException;
import java.nio.file.Path;
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
@Command(name = "build", description = "Write a deployment package of the given bundles, stored in the order given.")
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

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The .dp file to write.")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "BUNDLE", description = "Bundle JARs.")
    List<Path> bundles;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PackageHeaders headers;
        try {
            headers = new PackageHeaders(symbolicName, version, Optional.ofNullable(displayName),
                    Optional.ofNullable(fixPack));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage()); // says which value is wrong
        }
        try {
            DeploymentPackage written = DeploymentPackageWriter.write(headers, bundles, out);
            spec.commandLine().getOut().println("wrote " + out);
            PackageListing.print(written, spec.commandLine().getOut());
            return 0;
        } catch (DeploymentPackageException e) {
            spec.commandLine().getErr().println("error: cannot build " + out + ": " + e.getMessage());
            return 1;
        }
    }
}
