package io.weir.deploy.packaging;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verify}: checks a deployment package and lists what it holds; given a trust store or a directory of trusted
 * certificates, also checks its signature as a gateway does and names the signer.
 */
@Command(name = "verify", description = "Check that a deployment package is well formed and list what it holds; "
        + "with --truststore or --trusted-certs, also check its signature as a gateway does.")
final class VerifyCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @ArgGroup(exclusive = true)
    Trust trust;

    static final class Trust {
        @Option(names = "--truststore", paramLabel = "FILE",
                description = "PKCS12 or JKS store whose trusted certificates may sign packages.")
        Path trustStore;

        @Option(names = "--trusted-certs", paramLabel = "DIR",
                description = "Directory of trusted certificates (*.pem, *.crt, *.cer, *.der).")
        Path certificates;
    }

    @Option(names = "--storepass", paramLabel = "PASSWORD", defaultValue = "${env:WEIR_DP_STOREPASS}",
            description = "The trust store's password (or set WEIR_DP_STOREPASS).")
    char[] storePassword;

    @Parameters(paramLabel = "PACKAGE", description = "The .dp file to check.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try {
            if (trust == null) {
                DeploymentPackage dp = DeploymentPackageReader.read(file);
                spec.commandLine().getOut().println(file + " is a valid deployment package (signature not "
                        + "checked: give --truststore or --trusted-certs)");
                PackageListing.print(dp, spec.commandLine().getOut());
                return 0;
            }
            TrustedSigners signers = trust.trustStore != null
                    ? TrustedSigners.fromKeyStore(trust.trustStore, storePassword)
                    : TrustedSigners.fromDirectory(trust.certificates);
            VerifiedPackage verified = new DeploymentPackageVerifier(signers, Clock.systemUTC()).verify(file);
            spec.commandLine().getOut().println(file + " is a valid deployment package, signed by "
                    + verified.signerName());
            PackageListing.print(verified.dp(), spec.commandLine().getOut());
            return 0;
        } catch (DeploymentPackageException e) {
            spec.commandLine().getErr().println("error: " + file + " is not a valid deployment package: "
                    + e.getMessage());
            return 1;
        } catch (PackageVerificationException e) {
            spec.commandLine().getErr().println("error: " + file + " is refused (" + e.problem() + "): "
                    + e.getMessage());
            return 1;
        }
    }
}
