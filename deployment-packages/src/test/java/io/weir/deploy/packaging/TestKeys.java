package io.weir.deploy.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

/** Signing keys and trust stores made with the JDK's keytool, as operations would make them. */
final class TestKeys {

    static final String PASSWORD = "changeit";

    private TestKeys() {
    }

    /**
     * A PKCS12 key store holding a new EC key pair with a self-signed certificate for {@code dname}, made for signing
     * code (extended key usage codeSigning) as operations' signing keys must be.
     */
    static Path keyStore(Path dir, String name, String dname) throws IOException, InterruptedException {
        return keyStore(dir, name, dname, "EKU=codeSigning");
    }

    /** As {@link #keyStore(Path, String, String)}, with {@code extendedKeyUsage} as keytool's -ext takes it. */
    static Path keyStore(Path dir, String name, String dname, String extendedKeyUsage)
            throws IOException, InterruptedException {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-validity", "30", "-ext", extendedKeyUsage, "-ext", "KU=digitalSignature",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        return store;
    }

    /** The certificate of key {@code name}, as a PEM file. */
    static Path certificate(Path dir, Path keyStore, String name) throws IOException, InterruptedException {
        Path pem = dir.resolve(name + ".pem");
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", pem.toString());
        return pem;
    }

    /** A PKCS12 trust store holding these certificates as trusted entries. */
    static Path trustStore(Path dir, String name, Path... certificates) throws IOException, InterruptedException {
        Path store = dir.resolve(name + ".p12");
        int i = 0;
        for (Path certificate : certificates) {
            keytool("-importcert", "-noprompt", "-alias", "trusted-" + i++, "-file", certificate.toString(),
                    "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        }
        return store;
    }

    static KeyStore.PrivateKeyEntry key(Path keyStore, String name) throws Exception {
        return DeploymentPackageSigner.loadKey(keyStore, PASSWORD.toCharArray(), name, PASSWORD.toCharArray());
    }

    static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
