package io.weir.deploy.packaging;

import static io.weir.deploy.packaging.TestJars.utf8;
import static io.weir.deploy.packaging.TestJars.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentPackageReaderTest {

    private static final String MAIN = """
            Manifest-Version: 1.0
            DeploymentPackage-SymbolicName: io.weir.gateway
            DeploymentPackage-Version: 1.0.0
            """;

    @TempDir
    Path dir;

    private byte[] api;
    private byte[] store;

    @BeforeEach
    void makeBundles() throws IOException {
        api = Files.readAllBytes(TestJars.bundle(dir, "api.jar", "io.weir.api", "1.0.0"));
        store = Files.readAllBytes(TestJars.bundle(dir, "store.jar", "io.weir.store", "2.0.0"));
    }

    @Test
    void readsBackWhatTheWriterWrote() throws Exception {
        PackageHeaders headers = new PackageHeaders("io.weir.gateway", OsgiVersion.parse("1.0.1"),
                Optional.of("Weir gateway"), Optional.of(VersionRange.parse("[1.0.0,1.0.1)")));
        Path dp = dir.resolve("x.dp");
        DeploymentPackage written = DeploymentPackageWriter.write(headers,
                List.of(dir.resolve("store.jar"), dir.resolve("api.jar")), dp);

        DeploymentPackage read = DeploymentPackageReader.read(dp);

        assertThat(read).isEqualTo(written);
        assertThat(read.bundles()).extracting(BundleEntry::symbolicName).containsExactly("io.weir.store", "io.weir.api");
        assertThat(read.headers().fixPack()).hasValue(VersionRange.parse("[1.0.0,1.0.1)"));
    }

    @Test
    void readsAPackageWithAMetaInfFolderEntryAndNoName() throws Exception {
        byte[] dp = zip("META-INF/", new byte[0],
                "META-INF/MANIFEST.MF", utf8(MAIN + section("bundles/api.jar", "io.weir.api", "1.0")),
                "bundles/api.jar", api);

        DeploymentPackage read = DeploymentPackageReader.read(new ByteArrayInputStream(dp));

        assertThat(read.headers()).isEqualTo(new PackageHeaders("io.weir.gateway", OsgiVersion.parse("1.0.0"),
                Optional.empty(), Optional.empty()));
        assertThat(read.bundles())
                .containsExactly(new BundleEntry("bundles/api.jar", "io.weir.api", OsgiVersion.parse("1.0.0")));
    }

    @Test
    void refusesAStreamThatIsNotAJar() {
        assertRefused(utf8("hello")).hasMessage("not a deployment package: no JAR entries");
    }

    @Test
    void refusesAPackageWhoseManifestIsNotFirst() throws Exception {
        assertRefused(zip("bundles/api.jar", api,
                "META-INF/MANIFEST.MF", utf8(MAIN + section("bundles/api.jar", "io.weir.api", "1.0.0"))))
                .hasMessage("the first entry is bundles/api.jar, but a deployment package must start with "
                        + "META-INF/MANIFEST.MF");
    }

    @Test
    void refusesAManifestWithoutASymbolicName() throws Exception {
        assertRefused(zip("META-INF/MANIFEST.MF", utf8("Manifest-Version: 1.0\nDeploymentPackage-Version: 1.0\n")))
                .hasMessage("META-INF/MANIFEST.MF has no DeploymentPackage-SymbolicName");
    }

    @Test
    void refusesAMalformedPackageVersion() throws Exception {
        assertRefused(zip("META-INF/MANIFEST.MF", utf8(MAIN.replace("1.0.0", "1.0.0.final.2"))))
                .hasMessage("META-INF/MANIFEST.MF: DeploymentPackage-Version is not valid: qualifier 'final.2' may "
                        + "only hold letters, digits, '_' and '-'");
    }

    @Test
    void refusesASectionWhoseEntryIsMissing() throws Exception {
        assertRefused(zip("META-INF/MANIFEST.MF", utf8(MAIN + section("bundles/api.jar", "io.weir.api", "1.0.0")
                + section("bundles/store.jar", "io.weir.store", "2.0.0")),
                "bundles/api.jar", api))
                .hasMessage("section bundles/store.jar names an entry that the package does not contain");
    }

    @Test
    void refusesAnEntryTheManifestDoesNotName() throws Exception {
        assertRefused(zip("META-INF/MANIFEST.MF", utf8(MAIN + section("bundles/api.jar", "io.weir.api", "1.0.0")),
                "bundles/api.jar", api, "bundles/store.jar", store))
                .hasMessage("entry bundles/store.jar is not named in the manifest");
    }

    @Test
    void bundlesAreInStreamOrderWhateverTheSectionsOrder() throws Exception {
        // JAR signing writes the sections back in hash order; Deployment Admin installs in stream order
        DeploymentPackage dp = DeploymentPackageReader.read(new ByteArrayInputStream(zip("META-INF/MANIFEST.MF",
                utf8(MAIN + section("bundles/api.jar", "io.weir.api", "1.0.0")
                        + section("bundles/store.jar", "io.weir.store", "2.0.0")),
                "bundles/store.jar", store, "bundles/api.jar", api)));

        assertThat(dp.bundles()).extracting(BundleEntry::symbolicName).containsExactly("io.weir.store", "io.weir.api");
    }

    @Test
    void refusesABundleAfterAResource() throws Exception {
        assertRefused(zip("META-INF/MANIFEST.MF", utf8(MAIN + section("bundles/api.jar", "io.weir.api", "1.0.0")
                + "\nName: profiles/radar.yaml\nResource-Processor: io.weir.deploy.resources\n"),
                "profiles/radar.yaml", utf8("id: radar\n"), "bundles/api.jar", api))
                .hasMessage("bundle bundles/api.jar comes after resource profiles/radar.yaml; bundles must come "
                        + "first");
    }

    @Test
    void refusesABundleThatIsNotTheOneItsSectionNames() throws Exception {
        assertRefused(zip("META-INF/MANIFEST.MF", utf8(MAIN + section("bundles/api.jar", "io.weir.api", "1.0.0")),
                "bundles/api.jar", store))
                .hasMessage("entry bundles/api.jar is bundle io.weir.store, but its section says io.weir.api");
    }

    @Test
    void refusesABundleWhoseVersionIsNotItsSections() throws Exception {
        assertRefused(zip("META-INF/MANIFEST.MF", utf8(MAIN + section("bundles/api.jar", "io.weir.api", "1.0.1")),
                "bundles/api.jar", api))
                .hasMessage("entry bundles/api.jar is version 1.0.0 of io.weir.api, but its section says 1.0.1");
    }

    @Test
    void refusesAnEntryThatIsNotABundle() throws Exception {
        byte[] plain = Files.readAllBytes(TestJars.plainZip(dir, "lib.jar"));

        assertRefused(zip("META-INF/MANIFEST.MF", utf8(MAIN + section("bundles/lib.jar", "io.weir.lib", "1.0.0")),
                "bundles/lib.jar", plain))
                .hasMessage("entry bundles/lib.jar is not a bundle: it has no META-INF/MANIFEST.MF");
    }

    @Test
    void refusesACorruptBundleEntry() throws Exception {
        Path file = dir.resolve("x.dp");
        DeploymentPackageWriter.write(PackageHeaders.of("io.weir.gateway", OsgiVersion.parse("1.0.0"), "Weir"),
                List.of(dir.resolve("api.jar")), file);
        byte[] dp = Files.readAllBytes(file);
        // the bundle's last byte: its end record, which only the entry's CRC still covers once the bundle is read
        int lastByteOfBundle = indexOf(dp, api) + api.length - 1;
        dp[lastByteOfBundle] ^= 0x01;

        assertRefused(dp).hasMessageStartingWith("entry bundles/api.jar is not a readable JAR: invalid entry CRC");
    }

    @Test
    void refusesASectionWithoutAVersion() throws Exception {
        assertRefused(zip("META-INF/MANIFEST.MF",
                utf8(MAIN + "\nName: bundles/api.jar\nBundle-SymbolicName: io.weir.api\n"), "bundles/api.jar", api))
                .hasMessage("section bundles/api.jar has no Bundle-Version");
    }

    @Test
    void refusesTwoSectionsForOneBundle() throws Exception {
        assertRefused(zip("META-INF/MANIFEST.MF", utf8(MAIN + section("bundles/api.jar", "io.weir.api", "1.0.0")
                + section("bundles/api-2.jar", "io.weir.api", "2.0.0"))))
                .hasMessage("sections bundles/api.jar and bundles/api-2.jar both hold bundle io.weir.api; a "
                        + "deployment package holds one version of each bundle");
    }

    @Test
    void refusesTwoSectionsOfTheSameName() throws Exception {
        assertRefused(zip("META-INF/MANIFEST.MF", utf8(MAIN + section("bundles/api.jar", "io.weir.api", "1.0.0")
                + section("bundles/api.jar", "io.weir.api", "1.0.0"))))
                .hasMessage("META-INF/MANIFEST.MF has two sections named bundles/api.jar");
    }

    @Test
    void readsResourcesAfterTheBundles() throws Exception {
        DeploymentPackage dp = DeploymentPackageReader.read(new ByteArrayInputStream(zip(
                "META-INF/MANIFEST.MF", utf8(MAIN + section("bundles/api.jar", "io.weir.api", "1.0.0")
                        + "\nName: profiles/radar.yaml\nResource-Processor: io.weir.deploy.resources\n"),
                "bundles/api.jar", api, "profiles/radar.yaml", utf8("id: radar\n"))));

        assertThat(dp.resources()).containsExactly(
                new ResourceEntry("profiles/radar.yaml", "io.weir.deploy.resources", false));
    }

    @Test
    void refusesASectionThatIsNeitherBundleNorResource() throws Exception {
        assertRefused(zip("META-INF/MANIFEST.MF", utf8(MAIN + "\nName: profiles/radar.yaml\nX: y\n"),
                "profiles/radar.yaml", utf8("id: radar\n")))
                .hasMessage("section profiles/radar.yaml has neither Bundle-SymbolicName (a bundle) nor "
                        + "Resource-Processor (a resource)");
    }

    @Test
    void readsAFixPackWhoseMissingBundlesAreNotInTheStream() throws Exception {
        DeploymentPackage dp = DeploymentPackageReader.read(new ByteArrayInputStream(zip("META-INF/MANIFEST.MF",
                utf8(MAIN + "DeploymentPackage-FixPack: [1.0,2.0)\n"
                        + section("bundles/api.jar", "io.weir.api", "1.0.0") + "DeploymentPackage-Missing: true\n"
                        + section("bundles/store.jar", "io.weir.store", "2.0.0")),
                "bundles/store.jar", store)));

        assertThat(dp.bundles()).containsExactly(
                new BundleEntry("bundles/store.jar", "io.weir.store", OsgiVersion.parse("2.0.0"), false),
                new BundleEntry("bundles/api.jar", "io.weir.api", OsgiVersion.parse("1.0.0"), true));
    }

    @Test
    void refusesAMissingBundleOutsideAFixPack() throws Exception {
        assertRefused(zip("META-INF/MANIFEST.MF", utf8(MAIN
                + section("bundles/api.jar", "io.weir.api", "1.0.0") + "DeploymentPackage-Missing: true\n")))
                .hasMessage("section bundles/api.jar is marked DeploymentPackage-Missing, but the package is not a "
                        + "fix pack (no DeploymentPackage-FixPack)");
    }

    @Test
    void refusesAMissingBundleThatIsInTheStreamAfterAll() throws Exception {
        assertRefused(zip("META-INF/MANIFEST.MF", utf8(MAIN + "DeploymentPackage-FixPack: [1.0,2.0)\n"
                + section("bundles/api.jar", "io.weir.api", "1.0.0") + "DeploymentPackage-Missing: true\n"),
                "bundles/api.jar", api))
                .hasMessage("entry bundles/api.jar is in the package, but its section marks it "
                        + "DeploymentPackage-Missing");
    }

    @Test
    void acceptsSignatureFilesRightAfterTheManifest() throws Exception {
        DeploymentPackage dp = DeploymentPackageReader.read(new ByteArrayInputStream(zip(
                "META-INF/MANIFEST.MF", utf8(MAIN + section("bundles/api.jar", "io.weir.api", "1.0.0")),
                "META-INF/WEIR.SF", utf8("Signature-Version: 1.0\n"), "META-INF/WEIR.EC", utf8("block"),
                "bundles/api.jar", api)));

        assertThat(dp.bundles()).hasSize(1);
    }

    @Test
    void refusesSignatureFilesAfterAnEntry() throws Exception {
        assertRefused(zip("META-INF/MANIFEST.MF", utf8(MAIN + section("bundles/api.jar", "io.weir.api", "1.0.0")),
                "bundles/api.jar", api, "META-INF/WEIR.SF", utf8("Signature-Version: 1.0\n")))
                .hasMessage("signature file META-INF/WEIR.SF comes after bundles/api.jar; signature files must "
                        + "directly follow the manifest");
    }

    private static String section(String path, String symbolicName, String version) {
        return "\nName: " + path + "\nBundle-SymbolicName: " + symbolicName + "\nBundle-Version: " + version + "\n";
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(byte[] dp) {
        return assertThatThrownBy(() -> DeploymentPackageReader.read(new ByteArrayInputStream(dp)))
                .isInstanceOf(DeploymentPackageException.class);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
