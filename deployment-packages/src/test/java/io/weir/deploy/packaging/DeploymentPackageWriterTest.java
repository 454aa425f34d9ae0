package io.weir.deploy.packaging;

import static io.weir.deploy.packaging.TestJars.bundle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentPackageWriterTest {

    private static final PackageHeaders GATEWAY =
            PackageHeaders.of("io.weir.gateway", OsgiVersion.parse("0.1.0.SNAPSHOT"), "Weir gateway");

    @TempDir
    Path dir;

    @Test
    void theManifestIsTheFirstEntryAndTheBundlesFollowInTheOrderGiven() throws Exception {
        Path rules = bundle(dir, "rules.jar", "io.weir.rules", "1.0.0");
        Path api = bundle(dir, "api.jar", "io.weir.api", "2.0.0.beta");

        Path dp = write(GATEWAY, rules, api);

        assertThat(entries(dp).keySet())
                .containsExactly("META-INF/MANIFEST.MF", "bundles/rules.jar", "bundles/api.jar");
    }

    @Test
    void theMainSectionNamesThePackage() throws Exception {
        Path dp = write(GATEWAY, bundle(dir, "api.jar", "io.weir.api", "1.0.0"));

        Attributes main = manifest(dp).getMainAttributes();

        assertThat(main.getValue("Manifest-Version")).isEqualTo("1.0");
        assertThat(main.getValue("DeploymentPackage-SymbolicName")).isEqualTo("io.weir.gateway");
        assertThat(main.getValue("DeploymentPackage-Version")).isEqualTo("0.1.0.SNAPSHOT");
        assertThat(main.getValue("DeploymentPackage-Name")).isEqualTo("Weir gateway");
        assertThat(main.getValue("DeploymentPackage-FixPack")).isNull();
    }

    @Test
    void eachBundleHasASectionWithItsOwnNameAndVersionInStreamOrder() throws Exception {
        Path dp = write(GATEWAY, bundle(dir, "site.jar", "io.weir.site;singleton:=true", "3.1"),
                bundle(dir, "api.jar", "io.weir.api", "1.0.0.v20261121"));

        byte[] manifestBytes = entries(dp).get("META-INF/MANIFEST.MF");
        Manifest manifest = manifest(dp);

        assertThat(ManifestText.sectionNames(manifestBytes)).containsExactly("bundles/site.jar", "bundles/api.jar");
        assertThat(manifest.getAttributes("bundles/site.jar").getValue("Bundle-SymbolicName")).isEqualTo("io.weir.site");
        assertThat(manifest.getAttributes("bundles/site.jar").getValue("Bundle-Version")).isEqualTo("3.1.0");
        assertThat(manifest.getAttributes("bundles/api.jar").getValue("Bundle-SymbolicName")).isEqualTo("io.weir.api");
        assertThat(manifest.getAttributes("bundles/api.jar").getValue("Bundle-Version")).isEqualTo("1.0.0.v20261121");
    }

    @Test
    void bundlesAreStoredByteForByte() throws Exception {
        Path api = bundle(dir, "api.jar", "io.weir.api", "1.0.0");

        Path dp = write(GATEWAY, api);

        assertThat(entries(dp).get("bundles/api.jar")).isEqualTo(Files.readAllBytes(api));
    }

    @Test
    void theSameInputGivesTheSameBytesWithFixedEntryTimes() throws Exception {
        Path api = bundle(dir, "api.jar", "io.weir.api", "1.0.0");
        Path store = bundle(dir, "store.jar", "io.weir.store", "1.0.0");

        Path first = write(GATEWAY, api, store);
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        DeploymentPackageWriter.write(GATEWAY, List.of(api, store), second);

        assertThat(second.toByteArray()).isEqualTo(Files.readAllBytes(first));
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(first))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                assertThat(entry.getTimeLocal()).as(entry.getName()).isEqualTo(DeploymentPackageWriter.ENTRY_TIME);
            }
        }
    }

    @Test
    void returnsWhatItWrote() throws Exception {
        Path api = bundle(dir, "api.jar", "io.weir.api", "1.2.3");

        DeploymentPackage written = DeploymentPackageWriter.write(GATEWAY, List.of(api), dir.resolve("x.dp"));

        assertThat(written).isEqualTo(new DeploymentPackage(GATEWAY,
                List.of(new BundleEntry("bundles/api.jar", "io.weir.api", OsgiVersion.parse("1.2.3")))));
        assertThat(DeploymentPackageReader.read(dir.resolve("x.dp"))).isEqualTo(written);
        assertThat(dir).isDirectoryNotContaining("glob:**.partial");
    }

    @Test
    void writesTheFixPackHeaderWhenAsked() throws Exception {
        PackageHeaders fixPack = new PackageHeaders("io.weir.gateway", OsgiVersion.parse("0.1.1"),
                Optional.empty(), Optional.of(VersionRange.parse("[0.1.0,0.1.1)")));

        Attributes main = manifest(write(fixPack, bundle(dir, "api.jar", "io.weir.api", "1.0.0"))).getMainAttributes();

        assertThat(main.getValue("DeploymentPackage-FixPack")).isEqualTo("[0.1.0,0.1.1)");
        assertThat(main.getValue("DeploymentPackage-Name")).isNull();
    }

    @Test
    void longHeadersAreWrappedAt72BytesWithoutSplittingACharacterAndReadBackWhole() throws Exception {
        String longName = "io.weir.bundle.with.a.symbolic.name.far.longer.than.one.manifest.line.allows";
        String longFile = "水位站-river-station-bundle-whose-file-name-alone-is-longer-than-a-manifest-line.jar";
        // three-byte characters at every offset, so that some straddle a line's 72nd byte
        PackageHeaders headers = PackageHeaders.of("io.weir.gateway", OsgiVersion.parse("1.0.0"),
                "城市运行管理服务平台 一网统管 水库 河道站 泵站 雨量计 水位计 网关 部署包 Weir gateway for the county");

        Path dp = write(headers, bundle(dir, longFile, longName, "1.0.0"));

        byte[] manifestBytes = entries(dp).get("META-INF/MANIFEST.MF");
        for (String line : new String(manifestBytes, StandardCharsets.UTF_8).split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(72);
            assertThat(line).doesNotContain("\uFFFD");
        }
        assertThat(DeploymentPackageReader.read(dp)).isEqualTo(new DeploymentPackage(headers,
                List.of(new BundleEntry("bundles/" + longFile, longName, OsgiVersion.parse("1.0.0")))));
    }

    @Test
    void aBundleWithoutAVersionIsVersionZero() throws Exception {
        DeploymentPackage dp = DeploymentPackageWriter.write(GATEWAY,
                List.of(bundle(dir, "api.jar", "io.weir.api", null)), dir.resolve("x.dp"));

        assertThat(dp.bundles().get(0).version()).isEqualTo(OsgiVersion.parse("0.0.0"));
    }

    @Test
    void refusesAJarThatIsNotABundle() throws Exception {
        Path plain = TestJars.jar(dir, "plain.jar", TestJars.manifest());

        assertThatThrownBy(() -> write(GATEWAY, plain))
                .isInstanceOf(DeploymentPackageException.class)
                .hasMessageContaining(plain.toString())
                .hasMessageContaining("is not a bundle")
                .hasMessageContaining("no Bundle-SymbolicName");
    }

    @Test
    void refusesAJarWithoutAManifest() throws Exception {
        Path zip = TestJars.plainZip(dir, "lib.jar");

        assertThatThrownBy(() -> write(GATEWAY, zip))
                .isInstanceOf(DeploymentPackageException.class)
                .hasMessage(zip + " is not a bundle: it has no META-INF/MANIFEST.MF");
    }

    @Test
    void refusesAFileThatIsNotAJar() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.jar"), "just some text");

        assertThatThrownBy(() -> write(GATEWAY, text))
                .isInstanceOf(DeploymentPackageException.class)
                .hasMessage(text + " is not a JAR (no ZIP entries in it)");
    }

    @Test
    void refusesABundleWithoutManifestVersion2() throws Exception {
        Manifest manifest = TestJars.manifest();
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "io.weir.old");
        Path old = TestJars.jar(dir, "old.jar", manifest);

        assertThatThrownBy(() -> write(GATEWAY, old))
                .isInstanceOf(DeploymentPackageException.class)
                .hasMessage(old + " is not an OSGi R4+ bundle: Bundle-ManifestVersion is missing, not 2");
    }

    @Test
    void refusesTwoBundlesWithTheSameSymbolicName() throws Exception {
        Path one = bundle(dir, "api-1.jar", "io.weir.api", "1.0.0");
        Path two = bundle(dir, "api-2.jar", "io.weir.api;singleton:=true", "2.0.0");

        assertThatThrownBy(() -> write(GATEWAY, one, two))
                .isInstanceOf(DeploymentPackageException.class)
                .hasMessage(one + " and " + two + " are both bundle io.weir.api; a deployment package holds one "
                        + "version of each bundle");
    }

    @Test
    void refusesAMalformedVersion() throws Exception {
        Path api = bundle(dir, "api.jar", "io.weir.api", "1.x.0");

        assertThatThrownBy(() -> write(GATEWAY, api))
                .isInstanceOf(DeploymentPackageException.class)
                .hasMessage(api + ": Bundle-Version is malformed: '1.x.0' is not major[.minor[.micro[.qualifier]]]: "
                        + "'x' is not a number");
    }

    @Test
    void refusesAMalformedSymbolicName() throws Exception {
        Path api = bundle(dir, "api.jar", "io.weir..api", "1.0.0");

        assertThatThrownBy(() -> write(GATEWAY, api))
                .isInstanceOf(DeploymentPackageException.class)
                .hasMessageStartingWith(api + ": Bundle-SymbolicName is not valid: 'io.weir..api' is not a symbolic");
    }

    @Test
    void refusesTwoFilesThatWouldBeStoredUnderOneName() throws Exception {
        Path one = bundle(Files.createDirectory(dir.resolve("one")), "api.jar", "io.weir.api", "1.0.0");
        Path two = bundle(Files.createDirectory(dir.resolve("two")), "api.jar", "io.weir.store", "1.0.0");

        assertThatThrownBy(() -> write(GATEWAY, one, two))
                .isInstanceOf(DeploymentPackageException.class)
                .hasMessage(one + " and " + two + " would both be stored as bundles/api.jar; rename one of them");
    }

    @Test
    void aRefusedPackageLeavesNoFileBehind() throws Exception {
        Path api = bundle(dir, "api.jar", "io.weir.api", "1.0.0");
        Path plain = TestJars.plainZip(dir, "lib.jar");
        Path target = dir.resolve("out").resolve("x.dp");

        assertThatThrownBy(() -> DeploymentPackageWriter.write(GATEWAY, List.of(api, plain), target))
                .isInstanceOf(DeploymentPackageException.class);

        assertThat(target).doesNotExist();
        assertThat(target.getParent()).doesNotExist();
    }

    private Path write(PackageHeaders headers, Path... bundles) throws IOException, DeploymentPackageException {
        Path dp = dir.resolve("x.dp");
        DeploymentPackageWriter.write(headers, List.of(bundles), dp);
        return dp;
    }

    /** Every entry of a ZIP, in stream order, read without any JAR-specific help. */
    static Map<String, byte[]> entries(Path zipFile) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zipFile); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    private static Manifest manifest(Path dp) throws IOException {
        return new Manifest(new ByteArrayInputStream(entries(dp).get("META-INF/MANIFEST.MF")));
    }
}
