package io.weir.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM files as keytool and openssl make them: a certificate, its PKCS#8 key, and a key of someone else. */
class PemFilesTest {

    @TempDir
    static Path dir;

    private static Path cert;
    private static Path key;
    private static Path otherKey;

    @BeforeAll
    static void makeKeys() throws Exception {
        cert = dir.resolve("gw.crt");
        key = pem(dir.resolve("gw.key"), keyPair("gw", cert));
        otherKey = pem(dir.resolve("other.key"), keyPair("other", dir.resolve("other.crt")));
    }

    @Test
    void aCertificateAndItsKeyMakeAClientIdentity() throws Exception {
        List<String> warnings = new ArrayList<>();

        assertThat(PemFiles.keyManagers(cert, key, warnings::add)).isNotEmpty();
        assertThat(PemFiles.trustManagers(cert)).isNotEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void aKeyOfAnotherCertificateAndKeysInOtherFormatsAreNamed() throws Exception {
        Path sec1 = Files.writeString(dir.resolve("sec1.key"),
                "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(sec1, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> PemFiles.keyManagers(cert, otherKey, w -> { }))
                .hasMessage("the key in " + otherKey + " does not belong to the certificate in " + cert);
        assertThatThrownBy(() -> PemFiles.privateKey(sec1, w -> { })).hasMessageContaining("holds a EC PRIVATE KEY")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() -> PemFiles.certificates(key)).hasMessageContaining("certificate");
    }

    private static PrivateKey keyPair(String alias, Path certPem) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + alias,
                "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", store.toString(), "-storepass", "changeit",
                "-file", certPem.toString());
        KeyStore keys = KeyStore.getInstance(store.toFile(), "changeit".toCharArray());
        return (PrivateKey) keys.getKey(alias, "changeit".toCharArray());
    }

    private static Path pem(Path file, PrivateKey key) throws Exception {
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }
}
