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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.deploy.packaging.PackageVerificationException.Problem;

/**
 * The attacks on packages from the security review, replayed against the code that checks packages on a gateway and
 * in the verify command: each must be refused with its reason, after reading a bounded part of the package.
 */
class PackageAttackTest {

    @TempDir
    static Path keys;

    @TempDir
    Path dir;

    private static Path operations;
    private static TrustedSigners trusted;

    @BeforeAll
    static void makeKeys() throws Exception {
        operations = TestKeys.keyStore(keys, "ops", "CN=Weir operations,O=County");
        Path certs = Files.createDirectories(keys.resolve("trusted"));
        Files.copy(TestKeys.certificate(keys, operations, "ops"), certs.resolve("ops.pem"));
        trusted = TrustedSigners.fromDirectory(certs);
    }

    @Test
    void aManifestThatInflatesToHundredsOfMegabytesIsRefusedUnreadInASmallHeap() throws Exception {
        Path bomb = dir.resolve("bomb.dp");
        writeBomb(bomb, "META-INF/MANIFEST.MF", 256L << 20);
        assertThat(Files.size(bomb)).isLessThan(2L << 20);
        Path certs = trustedCertificates();

        // the verify command in its own JVM with 32 MB of heap: the JDK's verifier alone would need 256 MB
        Process verify = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "verify",
                "--trusted-certs", certs.toString(), bomb.toString()).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(verify.waitFor()).as(output).isEqualTo(1);
        assertThat(output).contains("is refused (TOO_LARGE): entry META-INF/MANIFEST.MF is larger than the limit of "
                + PackageLimits.DEFAULTS.maxManifestBytes() + " bytes").doesNotContain("OutOfMemoryError");
    }

    @Test
    void aBundleWhoseOwnManifestInflatesHugelyIsRefused() throws Exception {
        Path nested = dir.resolve("nested.jar");
        writeBomb(nested, "META-INF/MANIFEST.MF", 64L << 20);
        Path dp = dir.resolve("nested.dp");
        write(dp, Map.of("META-INF/MANIFEST.MF", manifest("bundles/x.jar"), "bundles/x.jar",
                Files.readAllBytes(nested)));

        assertRefused(dp, Problem.TOO_LARGE, "entry bundles/x.jar!/META-INF/MANIFEST.MF is larger than the limit");
        assertThatThrownBy(() -> DeploymentPackageReader.read(dp)).isInstanceOf(DeploymentPackageException.class)
                .hasMessageContaining("bundles/x.jar!/META-INF/MANIFEST.MF is larger than the limit");
    }

    @Test
    void packagesOverTheSizeOrEntryLimitsAreRefused() throws Exception {
        Path dp = signed(unsigned("1.0.0", Optional.empty(), Optional.empty()));
        long size = Files.size(dp);
        var verifier = (java.util.function.Function<PackageLimits, DeploymentPackageVerifier>) limits ->
                new DeploymentPackageVerifier(trusted, Clock.systemUTC(), limits);

        assertThatThrownBy(() -> verifier.apply(new PackageLimits(size - 1, 1 << 20, 1 << 30, 1 << 20, 100))
                .verify(dp)).hasMessage("the package (" + size + " bytes) is larger than the limit of " + (size - 1)
                        + " bytes");
        assertThatThrownBy(() -> verifier.apply(new PackageLimits(size, 1 << 20, 1 << 30, 1 << 20, 3)).verify(dp))
                .hasMessageStartingWith("the number of entries (at ");
        assertThatThrownBy(() -> verifier.apply(new PackageLimits(size, 100, 1 << 30, 1 << 20, 100)).verify(dp))
                .hasMessageContaining("is larger than the limit of 100 bytes");
        assertThat(verifier.apply(new PackageLimits(size, 1 << 20, 1 << 30, 1 << 20, 100)).verify(dp).dp()
                .headers().version()).isEqualTo(OsgiVersion.parse("1.0.0"));
    }

    @Test
    void aTrustedKeyThatIsNotMadeForSigningCodeCannotSignPackages() throws Exception {
        Path tls = TestKeys.keyStore(dir, "tls", "CN=Weir operations,O=County", "EKU=serverAuth");
        Path certs = Files.createDirectories(dir.resolve("trusted"));
        Files.copy(TestKeys.certificate(dir, tls, "tls"), certs.resolve("tls.pem"));
        Path unsigned = unsigned("1.0.0", Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> new DeploymentPackageSigner(TestKeys.key(tls, "tls"), "weir").sign(unsigned,
                dir.resolve("tls.dp"))).isInstanceOf(DeploymentPackageException.class)
                .hasMessageContaining("may not sign code");
        Path signedAnyway = signedWithoutChecks(unsigned, tls);

        assertThatThrownBy(() -> new DeploymentPackageVerifier(TrustedSigners.fromDirectory(certs),
                Clock.systemUTC()).verify(signedAnyway))
                .isInstanceOfSatisfying(PackageVerificationException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.UNTRUSTED))
                .hasMessage("signer CN=Weir operations,O=County may not sign code: its certificate's extended key "
                        + "usage does not include codeSigning (make signing keys with keytool -ext EKU=codeSigning)");
    }

    @Test
    void theUpdatePolicyIsSignedWithThePackage() throws Exception {
        Path dp = signed(unsigned("1.0.0", Optional.of(VersionRange.parse("[1.1.0,1.1.0]")),
                Optional.of(OsgiVersion.parse("0.9.0"))));

        PackageHeaders headers = verifier().verify(dp).dp().headers();

        assertThat(headers.downgradeFrom()).hasValue(VersionRange.parse("[1.1.0,1.1.0]"));
        assertThat(headers.minimumVersion()).hasValue(OsgiVersion.parse("0.9.0"));
        // a replayed old package given a downgrade permission after signing
        Path plain = signed(unsigned("1.0.0", Optional.empty(), Optional.empty()));
        Map<String, byte[]> entries = DeploymentPackageSignerTest.entries(plain);
        String manifest = new String(entries.get("META-INF/MANIFEST.MF"), StandardCharsets.UTF_8)
                .replace("Created-By: weir-dp\r\n", "Created-By: weir-dp\r\nWeir-Allow-Downgrade-From: 0.0.0\r\n");
        Path forged = DeploymentPackageSignerTest.rewrite(plain, "META-INF/MANIFEST.MF", manifest);

        assertRefused(forged, Problem.TAMPERED, "package was changed after signing");
    }

    @Test
    void aMinimumAboveThePackagesOwnVersionIsRefusedWhenBuilding() {
        assertThatThrownBy(() -> new PackageHeaders("io.weir.gateway", OsgiVersion.parse("1.0.0"), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), Optional.of(OsgiVersion.parse("1.0.1"))))
                .hasMessage("the minimum version 1.0.1 is above the package's own version 1.0.0");
    }

    // ---- helpers ----

    private static Path trustedCertificates() {
        return keys.resolve("trusted");
    }

    private static DeploymentPackageVerifier verifier() {
        return new DeploymentPackageVerifier(trusted, Clock.systemUTC());
    }

    private static void assertRefused(Path dp, Problem problem, String message) {
        assertThatThrownBy(() -> verifier().verify(dp))
                .isInstanceOfSatisfying(PackageVerificationException.class,
                        e -> assertThat(e.problem()).isEqualTo(problem))
                .hasMessageContaining(message);
    }

    private Path unsigned(String version, Optional<VersionRange> downgradeFrom, Optional<OsgiVersion> minimum)
            throws Exception {
        Path api = bundle(dir, "api-" + version + ".jar", "io.weir.api", version);
        Path dp = dir.resolve("unsigned-" + version + ".dp");
        DeploymentPackageWriter.write(new PackageHeaders("io.weir.gateway", OsgiVersion.parse(version),
                Optional.empty(), Optional.empty(), List.of(), downgradeFrom, minimum),
                new PackageContent(List.of(api), List.of(), Optional.empty()), dp);
        return dp;
    }

    private Path signed(Path unsigned) throws Exception {
        Path signed = dir.resolve("signed-" + unsigned.getFileName());
        new DeploymentPackageSigner(TestKeys.key(operations, "ops"), "weir").sign(unsigned, signed);
        return signed;
    }

    /** The JDK's jarsigner, which signs with any key: as an attacker holding a TLS key of the same CA would. */
    private Path signedWithoutChecks(Path unsigned, Path keyStore) throws Exception {
        Path signed = dir.resolve("jarsigner-" + unsigned.getFileName());
        Process jarsigner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jarsigner")
                .toString(), "-keystore", keyStore.toString(), "-storepass", TestKeys.PASSWORD, "-sigfile", "WEIR",
                "-signedjar", signed.toString(), unsigned.toString(), "tls").redirectErrorStream(true).start();
        String output = new String(jarsigner.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jarsigner.waitFor()).as(output).isZero();
        return signed;
    }

    private static byte[] manifest(String bundlePath) {
        return ("Manifest-Version: 1.0\r\nDeploymentPackage-SymbolicName: x\r\nDeploymentPackage-Version: 1.0.0\r\n"
                + "\r\nName: " + bundlePath + "\r\nBundle-SymbolicName: x\r\nBundle-Version: 1.0.0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            List<String> names = new ArrayList<>(entries.keySet());
            names.sort((a, b) -> a.startsWith("META-INF") ? -1 : b.startsWith("META-INF") ? 1 : a.compareTo(b));
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(entries.get(name));
                zip.closeEntry();
            }
        }
    }

    /** A JAR whose first entry {@code name} inflates to {@code bytes} of one repeated letter. */
    private static void writeBomb(Path file, String name, long bytes) throws IOException {
        byte[] letters = new byte[1 << 20];
        java.util.Arrays.fill(letters, (byte) 'a');
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_SPEED);
            zip.putNextEntry(new ZipEntry(name));
            zip.write("Manifest-Version: 1.0\r\nX: ".getBytes(StandardCharsets.US_ASCII));
            for (long written = 0; written < bytes; written += letters.length) {
                zip.write(letters);
            }
            zip.closeEntry();
        }
    }
}
