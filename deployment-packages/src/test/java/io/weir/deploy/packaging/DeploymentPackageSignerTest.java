package io.weir.deploy.packaging;

import static io.weir.deploy.packaging.TestJars.bundle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.deploy.packaging.PackageVerificationException.Problem;

class DeploymentPackageSignerTest {

    @TempDir
    static Path keys;

    @TempDir
    Path dir;

    private static Path operations;
    private static Path stranger;
    private static TrustedSigners trusted;

    @BeforeAll
    static void makeKeys() throws Exception {
        operations = TestKeys.keyStore(keys, "ops", "CN=Weir operations,O=County");
        stranger = TestKeys.keyStore(keys, "stranger", "CN=Stranger");
        Path trustStore = TestKeys.trustStore(keys, "trust", TestKeys.certificate(keys, operations, "ops"));
        trusted = TrustedSigners.fromKeyStore(trustStore, TestKeys.PASSWORD.toCharArray());
    }

    @Test
    void aSignedPackageVerifiesAndNamesItsSigner() throws Exception {
        Path signed = sign(unsigned(), operations, "ops");

        VerifiedPackage verified = verifier().verify(signed);

        assertThat(verified.signerName()).isEqualTo("CN=Weir operations,O=County");
        assertThat(verified.dp().bundles()).extracting(BundleEntry::symbolicName)
                .containsExactly("io.weir.store", "io.weir.api");
        assertThat(verified.dp().resources()).extracting(ResourceEntry::path).containsExactly("profiles/radar.yaml");
    }

    @Test
    void theSignatureFilesComeRightAfterTheManifestAndTheEntriesKeepTheirOrder() throws Exception {
        Path unsigned = unsigned();
        Path signed = sign(unsigned, operations, "ops");

        Map<String, byte[]> entries = entries(signed);

        assertThat(entries.keySet()).containsExactly("META-INF/MANIFEST.MF", "META-INF/WEIR.SF", "META-INF/WEIR.EC",
                "bundles/store.jar", "bundles/api.jar", "profiles/radar.yaml");
        assertThat(DeploymentPackageReader.read(signed)).isEqualTo(DeploymentPackageReader.read(unsigned));
    }

    @Test
    void aTamperedEntryIsDetected() throws Exception {
        Path signed = sign(unsigned(), operations, "ops");
        Path tampered = rewrite(signed, "profiles/radar.yaml", "id: radar\nlimits: {timeoutMs: 1}\n");

        assertRefused(tampered, Problem.TAMPERED, "package was changed after signing (at entry "
                + "profiles/radar.yaml): SHA-256 digest error for profiles/radar.yaml");
    }

    @Test
    void anEntryAddedAfterSigningIsDetected() throws Exception {
        Path signed = sign(unsigned(), operations, "ops");
        Path tampered = rewrite(signed, "profiles/extra.yaml", "id: extra\n");

        assertRefused(tampered, Problem.TAMPERED, "entry profiles/extra.yaml is not covered by the package's "
                + "signature");
    }

    @Test
    void anUnsignedPackageIsDetected() throws Exception {
        assertRefused(unsigned(), Problem.UNSIGNED, "package is not signed");
    }

    @Test
    void aPackageSignedByAnUntrustedKeyIsDetected() throws Exception {
        Path signed = sign(unsigned(), stranger, "stranger");

        assertThatThrownBy(() -> verifier().verify(signed))
                .isInstanceOfSatisfying(PackageVerificationException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.UNTRUSTED))
                .hasMessageStartingWith("signer CN=Stranger is not trusted");
    }

    @Test
    void aTrustedCertificateThatHasExpiredIsRefused() throws Exception {
        Path signed = sign(unsigned(), operations, "ops");
        Clock later = Clock.fixed(Instant.now().plus(400, ChronoUnit.DAYS), ZoneOffset.UTC);

        assertThatThrownBy(() -> new DeploymentPackageVerifier(trusted, later).verify(signed))
                .isInstanceOfSatisfying(PackageVerificationException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.UNTRUSTED))
                .hasMessageStartingWith("signer CN=Weir operations,O=County is trusted, but its certificate is not "
                        + "valid now");
    }

    @Test
    void trustedCertificatesCanComeFromADirectory() throws Exception {
        Path certs = Files.createDirectories(dir.resolve("trusted"));
        Files.copy(keys.resolve("ops.pem"), certs.resolve("ops.pem"));
        Path signed = sign(unsigned(), operations, "ops");

        VerifiedPackage verified = new DeploymentPackageVerifier(TrustedSigners.fromDirectory(certs),
                Clock.systemUTC()).verify(signed);

        assertThat(verified.signerName()).isEqualTo("CN=Weir operations,O=County");
    }

    private Path unsigned() throws Exception {
        Path store = bundle(dir, "store.jar", "io.weir.store", "1.0.0");
        Path api = bundle(dir, "api.jar", "io.weir.api", "1.0.0");
        Path profile = Files.writeString(dir.resolve("radar.yaml"), "id: radar\n");
        Path dp = dir.resolve("unsigned.dp");
        DeploymentPackageWriter.write(PackageHeaders.of("io.weir.gateway", OsgiVersion.parse("1.0.0"), "Weir"),
                new PackageContent(List.of(store, api), List.of(ResourceFile.weir("profiles/radar.yaml", profile)),
                        Optional.empty()), dp);
        return dp;
    }

    private Path sign(Path unsigned, Path keyStore, String alias) throws Exception {
        Path signed = dir.resolve(alias + "-signed.dp");
        new DeploymentPackageSigner(TestKeys.key(keyStore, alias), "weir").sign(unsigned, signed);
        return signed;
    }

    private DeploymentPackageVerifier verifier() {
        return new DeploymentPackageVerifier(trusted, Clock.systemUTC());
    }

    private static void assertRefused(Path dp, Problem problem, String message) {
        assertThatThrownBy(() -> new DeploymentPackageVerifier(trusted, Clock.systemUTC()).verify(dp))
                .isInstanceOfSatisfying(PackageVerificationException.class,
                        e -> assertThat(e.problem()).isEqualTo(problem))
                .hasMessage(message);
    }

    static Map<String, byte[]> entries(Path jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    /** A copy of {@code jar} in which {@code path} holds {@code content}: replaced in place, or added at the end. */
    static Path rewrite(Path jar, String path, String content) throws IOException {
        Map<String, byte[]> entries = entries(jar);
        entries.put(path, content.getBytes(StandardCharsets.UTF_8));
        Path copy = jar.resolveSibling("tampered-" + jar.getFileName());
        try (OutputStream out = Files.newOutputStream(copy); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                zipEntry.setMethod(ZipEntry.STORED);
                CRC32 crc = new CRC32();
                crc.update(entry.getValue());
                zipEntry.setCrc(crc.getValue());
                zipEntry.setSize(entry.getValue().length);
                zip.putNextEntry(zipEntry);
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return copy;
    }
}
