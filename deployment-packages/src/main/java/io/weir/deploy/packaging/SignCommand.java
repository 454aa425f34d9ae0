package io.weir.deploy.packaging;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sign}: signs a deployment package with a key from a key store. */
@Command(name = "sign", description = "Sign a deployment package (JAR signing, SHA-256) with a key from a key store.")
final class SignCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Option(names = "--keystore", required = true, paramLabel = "FILE", description = "PKCS12 or JKS key store.")
    Path keyStore;

    @Option(names = "--storepass", paramLabel = "PASSWORD", interactive = true, arity = "0..1",
            description = "The key store's password; give the option without a value to be asked for it, or set "
                    + "WEIR_DP_STOREPASS.", defaultValue = "${env:WEIR_DP_STOREPASS}")
    char[] storePassword;

    @Option(names = "--keypass", paramLabel = "PASSWORD", interactive = true, arity = "0..1",
            description = "The key's password, if it differs from the store's.")
    char[] keyPassword;

    @Option(names = "--alias", required = true, paramLabel = "ALIAS", description = "The signing key's alias.")
    String alias;

    @Option(names = "--signer-name", paramLabel = "NAME", defaultValue = "WEIR",
            description = "Names the signature files META-INF/NAME.SF (default: ${DEFAULT-VALUE}).")
    String signerName;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The signed .dp file to write.")
    Path out;

    @Parameters(paramLabel = "PACKAGE", description = "The unsigned .dp file.")
    Path in;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (storePassword == null) {
            storePassword = new char[0];
        }
        try {
            KeyStore.PrivateKeyEntry key = DeploymentPackageSigner.loadKey(keyStore, storePassword, alias,
                    keyPassword == null ? storePassword : keyPassword);
            DeploymentPackage signed = new DeploymentPackageSigner(key, signerName).sign(in, out);
            spec.commandLine().getOut().println("signed " + out + " with " + alias + " ("
                    + TrustedSigners.subject((X509Certificate) key.getCertificate()) + ")");
            PackageListing.print(signed, spec.commandLine().getOut());
            return 0;
        } catch (DeploymentPackageException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: cannot sign " + in + ": " + e.getMessage());
            return 1;
        }
    }
}
