package io.weir.deploy.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's package made from the real Weir bundles, as the build makes it at package time, then verified. The
 * bundles are found on the test class path by their manifests, so that no class name of theirs is needed here.
 */
class WeirBundlesPackageTest {

    private static final List<String> GATEWAY_BUNDLES = List.of("io.weir.api", "io.weir.store", "io.weir.modbus",
            "io.weir.rules", "io.weir.site", "io.weir.uplink", "io.weir.console");

    @TempDir
    Path dir;

    @Test
    void thePackageOfTheRealBundlesVerifies() throws Exception {
        Map<String, Path> jars = weirBundlesOnTheClassPath();
        assertThat(jars).containsOnlyKeys(GATEWAY_BUNDLES);
        List<String> args = new ArrayList<>(List.of("build", "--name", "io.weir.gateway", "--version",
                "0.1.0.SNAPSHOT", "--display-name", "Weir gateway", "--out", dir.resolve("gateway.dp").toString()));
        GATEWAY_BUNDLES.forEach(name -> args.add(jars.get(name).toString()));
        StringWriter err = new StringWriter();

        int built = Main.commandLine().setErr(new PrintWriter(err, true)).setOut(new PrintWriter(new StringWriter()))
                .execute(args.toArray(String[]::new));
        StringWriter out = new StringWriter();
        int verified = Main.commandLine().setErr(new PrintWriter(err, true)).setOut(new PrintWriter(out, true))
                .execute("verify", dir.resolve("gateway.dp").toString());

        assertThat(built).as(err.toString()).isZero();
        assertThat(verified).as(err.toString()).isZero();
        assertThat(out.toString()).contains("name:     io.weir.gateway (Weir gateway)", "bundles:  7");
        DeploymentPackage dp = DeploymentPackageReader.read(dir.resolve("gateway.dp"));
        assertThat(dp.bundles()).extracting(BundleEntry::symbolicName).containsExactlyElementsOf(GATEWAY_BUNDLES);
        for (BundleEntry bundle : dp.bundles()) {
            assertThat(bundle.version()).as(bundle.path()).isEqualTo(versionOf(jars.get(bundle.symbolicName())));
        }
    }

    /** Every class-path element whose manifest names an io.weir bundle, by symbolic name. */
    private Map<String, Path> weirBundlesOnTheClassPath() throws IOException, URISyntaxException {
        Map<String, Path> jars = new TreeMap<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/MANIFEST.MF"))) {
            Manifest manifest;
            try (InputStream in = url.openStream()) {
                manifest = new Manifest(in);
            }
            String symbolicName = manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            if (symbolicName != null && symbolicName.startsWith("io.weir.")) {
                jars.put(symbolicName, jarOf(url, symbolicName));
            }
        }
        return jars;
    }

    // A reactor build that stops before package (mvn test) puts a bundle's target/classes on the class path
    // instead of its JAR; bnd has written the bundle's manifest there too, so JAR that folder.
    private Path jarOf(URL manifest, String symbolicName) throws IOException, URISyntaxException {
        if (manifest.getProtocol().equals("jar")) {
            return Path.of(((JarURLConnection) manifest.openConnection()).getJarFileURL().toURI());
        }
        Path classes = Path.of(manifest.toURI()).getParent().getParent();
        Path jar = dir.resolve(symbolicName + ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> files = Files.walk(classes)) {
            files.filter(Files::isRegularFile).sorted().forEach(path -> {
                try {
                    out.putNextEntry(new ZipEntry(classes.relativize(path).toString().replace('\\', '/')));
                    Files.copy(path, out);
                    out.closeEntry();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return jar;
    }

    private static OsgiVersion versionOf(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return OsgiVersion.parse(file.getManifest().getMainAttributes().getValue("Bundle-Version"));
        }
    }
}
