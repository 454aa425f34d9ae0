package io.weir.deploy.itest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Keys and stores made with the JDK's keytool, as operations and a package server would make them: a signing key
 * needs {@code -ext EKU=codeSigning}, or gateways refuse what it signs.
 */
final class Keys {

    static final String PASSWORD = "changeit";

    private Keys() {
    }

    static Path keyPair(Path dir, String alias, String dname, String... extra) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", dname, "-validity", "30", "-keystore", store.toString(), "-storetype",
                "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        args.addAll(List.of(extra));
        keytool(args);
        return store;
    }

    /** The certificate of {@code alias} in {@code keyStore}, as a PEM file. */
    static Path certificate(Path dir, Path keyStore, String alias) throws Exception {
        Path pem = dir.resolve(alias + ".pem");
        Files.deleteIfExists(pem);
        keytool(List.of("-exportcert", "-rfc", "-alias", alias, "-keystore", keyStore.toString(), "-storepass",
                PASSWORD, "-file", pem.toString()));
        return pem;
    }

    static SSLContext serverContext(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray());
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool " + args + " failed: " + output);
        }
    }
}
