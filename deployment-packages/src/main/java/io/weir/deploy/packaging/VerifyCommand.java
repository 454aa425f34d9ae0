package io.weir.deploy.packaging;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code verify}: checks a deployment package and lists what it holds. */
@Command(name = "verify", description = "Check that a deployment package is well formed and list its bundles.")
final class VerifyCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Parameters(paramLabel = "PACKAGE", description = "The .dp file to check.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try {
            DeploymentPackage dp = DeploymentPackageReader.read(file);
            spec.commandLine().getOut().println(file + " is a valid deployment package");
            PackageListing.print(dp, spec.commandLine().getOut());
            return 0;
        } catch (DeploymentPackageException e) {
            spec.commandLine().getErr().println("error: " + file + " is not a valid deployment package: "
                    + e.getMessage());
            return 1;
        }
    }
}
