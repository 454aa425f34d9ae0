package io.weir.deploy.packaging;

import static io.weir.deploy.packaging.TestJars.bundle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixPackTest {

    @TempDir
    Path dir;

    @Test
    void aFixPackShipsWhatChangedAndMarksTheRestOfItsBaseMissing() throws Exception {
        DeploymentPackage base = base();
        Path newStore = bundle(dir, "store-1.0.1.jar", "io.weir.store", "1.0.1");
        PackageHeaders headers = new PackageHeaders("io.weir.gateway", OsgiVersion.parse("1.0.1"), Optional.empty(),
                Optional.of(VersionRange.parse("[1.0.0,1.0.1)")));

        Path fix = dir.resolve("fix.dp");
        DeploymentPackageWriter.write(headers, new PackageContent(List.of(newStore), List.of(), Optional.of(base)),
                fix);

        Manifest manifest;
        try (ZipFile zip = new ZipFile(fix.toFile())) {
            manifest = new Manifest(zip.getInputStream(zip.getEntry("META-INF/MANIFEST.MF")));
            assertThat(zip.stream().map(e -> e.getName()))
                    .containsExactly("META-INF/MANIFEST.MF", "bundles/store-1.0.1.jar");
        }
        assertThat(manifest.getMainAttributes().getValue("DeploymentPackage-FixPack")).isEqualTo("[1.0.0,1.0.1)");
        assertThat(manifest.getMainAttributes().getValue("DeploymentPackage-Version")).isEqualTo("1.0.1");
        assertThat(manifest.getAttributes("bundles/api.jar").getValue("DeploymentPackage-Missing")).isEqualTo("true");
        assertThat(manifest.getAttributes("bundles/api.jar").getValue("Bundle-SymbolicName")).isEqualTo("io.weir.api");
        assertThat(manifest.getAttributes("bundles/api.jar").getValue("Bundle-Version")).isEqualTo("1.0.0");
        assertThat(manifest.getAttributes("bundles/api.jar").getValue("SHA-256-Digest")).isNull();
        assertThat(manifest.getAttributes("profiles/radar.yaml").getValue("DeploymentPackage-Missing"))
                .isEqualTo("true");
        assertThat(manifest.getAttributes("profiles/radar.yaml").getValue("Resource-Processor"))
                .isEqualTo(ResourceEntry.WEIR_PROCESSOR);
        assertThat(manifest.getAttributes("bundles/store-1.0.1.jar").getValue("DeploymentPackage-Missing")).isNull();
        assertThat(manifest.getAttributes("bundles/store-1.0.1.jar").getValue("SHA-256-Digest")).isNotBlank();
        // the old store's section is gone: the new one replaces it
        assertThat(manifest.getEntries()).doesNotContainKey("bundles/store.jar");

        DeploymentPackage read = DeploymentPackageReader.read(fix);
        assertThat(read.bundles()).containsExactly(
                new BundleEntry("bundles/store-1.0.1.jar", "io.weir.store", OsgiVersion.parse("1.0.1")),
                new BundleEntry("bundles/api.jar", "io.weir.api", OsgiVersion.parse("1.0.0"), true));
        assertThat(read.resources()).containsExactly(
                new ResourceEntry("profiles/radar.yaml", ResourceEntry.WEIR_PROCESSOR, true));
    }

    @Test
    void refusesABaseOutsideTheFixPacksRange() throws Exception {
        DeploymentPackage base = base();
        PackageHeaders headers = new PackageHeaders("io.weir.gateway", OsgiVersion.parse("2.0.1"), Optional.empty(),
                Optional.of(VersionRange.parse("[2.0.0,2.0.1)")));

        assertThatThrownBy(() -> DeploymentPackageWriter.write(headers, new PackageContent(
                List.of(bundle(dir, "store-2.jar", "io.weir.store", "2.0.1")), List.of(), Optional.of(base)),
                dir.resolve("fix.dp")))
                .isInstanceOf(DeploymentPackageException.class)
                .hasMessage("the base package's version 1.0.0 is outside the fix pack's range [2.0.0,2.0.1)");
    }

    @Test
    void refusesABaseForAFullPackage() throws Exception {
        DeploymentPackage base = base();

        assertThatThrownBy(() -> DeploymentPackageWriter.write(
                PackageHeaders.of("io.weir.gateway", OsgiVersion.parse("1.0.1"), "Weir"),
                new PackageContent(List.of(bundle(dir, "s.jar", "io.weir.store", "1.0.1")), List.of(),
                        Optional.of(base)), dir.resolve("fix.dp")))
                .isInstanceOf(DeploymentPackageException.class)
                .hasMessageStartingWith("a base package is given, but no fix-pack range");
    }

    private DeploymentPackage base() throws Exception {
        Path api = bundle(dir, "api.jar", "io.weir.api", "1.0.0");
        Path store = bundle(dir, "store.jar", "io.weir.store", "1.0.0");
        Path profile = Files.writeString(dir.resolve("radar.yaml"), "id: radar\n");
        Path dp = dir.resolve("base.dp");
        DeploymentPackageWriter.write(PackageHeaders.of("io.weir.gateway", OsgiVersion.parse("1.0.0"), "Weir"),
                new PackageContent(List.of(api, store), List.of(ResourceFile.weir("profiles/radar.yaml", profile)),
                        Optional.empty()), dp);
        return DeploymentPackageReader.read(dp);
    }
}
