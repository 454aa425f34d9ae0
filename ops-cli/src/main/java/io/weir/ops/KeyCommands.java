package io.weir.ops;

import io.weir.deploy.packaging.TrustedSigners;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code weir-ops key create|rotate|list}: package-signing keys in a PKCS12 key store, made by the JDK's keytool
 * (EC P-256, a self-signed certificate with key usage digitalSignature and extended key usage codeSigning, which the
 * adapter and the gateways require). The certificate goes to the adapter's {@code --trusted-signers} directory and to
 * each gateway's {@code trusted-signers/} directory (docs/operations.md).
 */
@Command(name = "key", mixinStandardHelpOptions = true, description = "Create, rotate and list package-signing keys.",
        subcommands = {KeyCommands.Create.class, KeyCommands.Rotate.class, KeyCommands.ListKeys.class})
final class KeyCommands {
    static final String STOREPASS_ENV = "WEIR_DP_STOREPASS";

    /** What a key store command needs. */
    static class Store {
        @Option(names = "--keystore", required = true, paramLabel = "FILE", description = "PKCS12 key store.")
        Path keyStore;

        @Option(names = "--storepass", paramLabel = "PASSWORD", interactive = true, arity = "0..1",
                defaultValue = "${env:" + STOREPASS_ENV + "}", description = "The key store's password; without a "
                + "value you are asked for it; default " + STOREPASS_ENV + " (as weir-dp sign takes it).")
        char[] password;

        char[] password() {
            if (password == null || password.length < 6) {
                throw new OpsException("give the key store's password (--storepass or " + STOREPASS_ENV
                        + "), at least 6 characters as keytool asks");
            }
            return password;
        }
    }

    /** Makes a key pair and its certificate; the certificate's PEM goes to {@code certOut}. */
    abstract static class Make extends Store implements Callable<Integer> {
        @Option(names = "--alias", required = true, paramLabel = "ALIAS", description = "The new key's alias, e.g. "
                + "ops-2026.")
        String alias;

        @Option(names = "--dname", paramLabel = "DN", defaultValue = "CN=Weir operations",
                description = "The certificate's subject (default: ${DEFAULT-VALUE}).")
        String dname;

        @Option(names = "--validity-days", paramLabel = "DAYS", defaultValue = "730",
                description = "How long the certificate is valid (default: ${DEFAULT-VALUE}).")
        int validityDays;

        @Option(names = "--cert-out", paramLabel = "FILE", description = "Where to write the certificate (PEM); "
                + "default ALIAS.pem.")
        Path certOut;

        @Spec
        CommandSpec spec;

        void make() throws IOException, InterruptedException, GeneralSecurityException {
            if (Files.exists(keyStore) && aliases(keyStore, password()).contains(alias)) {
                throw new OpsException("key store " + keyStore + " already has a key " + alias + "; give a new alias");
            }
            Path cert = certOut != null ? certOut : Path.of(alias + ".pem");
            keytool(password(), "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-sigalg", "SHA256withECDSA", "-dname", dname, "-validity", Integer.toString(validityDays),
                    "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-ext", "KU:critical=digitalSignature",
                    "-ext", "EKU=codeSigning");
            keytool(password(), "-exportcert", "-rfc", "-alias", alias, "-keystore", keyStore.toString(), "-file",
                    cert.toString());
            var out = spec.commandLine().getOut();
            out.println("key " + alias + " in " + keyStore + ", certificate " + cert + " ("
                    + describe(certificate(keyStore, password(), alias)) + ")");
            out.flush();
        }

        Path cert() {
            return certOut != null ? certOut : Path.of(alias + ".pem");
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = {"Create a package-signing key and its "
            + "certificate.", "Then put the certificate in the adapter's --trusted-signers directory and in every "
            + "gateway's trusted-signers/ directory, and sign with: weir-ops package sign --keystore FILE --alias "
            + "ALIAS ..."})
    static final class Create extends Make {
        @Override
        public Integer call() throws Exception {
            make();
            return 0;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true, description = {"Add a new signing key beside the old "
            + "one, and say how to move over without a package refused on the way."})
    static final class Rotate extends Make {
        @Override
        public Integer call() throws Exception {
            if (!Files.exists(keyStore)) {
                throw new OpsException("no key store " + keyStore + " to rotate; create the first key with: weir-ops "
                        + "key create");
            }
            List<String> old = aliases(keyStore, password());
            make();
            var out = spec.commandLine().getOut();
            out.println("""
                    Rotation, in this order (docs/operations.md "Rotating the signing key"):
                      1. add %1$s to the adapter's --trusted-signers directory and restart the adapter;
                      2. add it to every gateway's trusted-signers/ directory (beside its site file), then restart
                         the gateway: packages signed with either key are now accepted;
                      3. sign new packages with --alias %2$s;
                      4. once no package signed with the old key (%3$s) is still to be installed, remove the old
                         certificate from the adapter and the gateways, and the old key from %4$s:
                         keytool -delete -alias OLD -keystore %4$s"""
                    .formatted(cert(), alias, String.join(", ", old), keyStore));
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the keys of a key store with "
            + "their certificates' subject, validity and whether they may sign code.")
    static final class ListKeys extends Store implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Table table = new Table("ALIAS", "CERTIFICATE");
            for (String alias : aliases(keyStore, password())) {
                table.row(alias, describe(certificate(keyStore, password(), alias)));
            }
            table.print(spec.commandLine().getOut());
            return 0;
        }
    }

    static String describe(X509Certificate cert) throws GeneralSecurityException {
        List<String> usage = cert.getExtendedKeyUsage();
        boolean codeSigning = usage != null && usage.contains("1.3.6.1.5.5.7.3.3");
        return TrustedSigners.subject(cert) + ", valid until " + cert.getNotAfter().toInstant()
                + (codeSigning ? ", code signing" : ", NOT for code signing: the adapter refuses its packages");
    }

    static List<String> aliases(Path keyStore, char[] password) throws IOException, GeneralSecurityException {
        return Collections.list(load(keyStore, password).aliases()).stream().sorted().toList();
    }

    static X509Certificate certificate(Path keyStore, char[] password, String alias)
            throws IOException, GeneralSecurityException {
        return (X509Certificate) load(keyStore, password).getCertificate(alias);
    }

    private static KeyStore load(Path keyStore, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password);
        }
        return store;
    }

    /** Runs the JDK's keytool; the password goes through its environment, never its command line. */
    private static void keytool(char[] password, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass:env", "WEIR_KEYTOOL_PASS", "-keypass:env", "WEIR_KEYTOOL_PASS"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("WEIR_KEYTOOL_PASS", new String(password));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new OpsException("keytool " + args[0] + " failed: " + output.strip());
        }
    }
}
