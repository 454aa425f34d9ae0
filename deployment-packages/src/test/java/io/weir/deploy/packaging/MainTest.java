package io.weir.deploy.packaging;

import static io.weir.deploy.packaging.TestJars.bundle;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class MainTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void buildsAPackageThatVerifies() throws Exception {
        Path api = bundle(dir, "api.jar", "io.weir.api", "0.1.0.SNAPSHOT");
        Path site = bundle(dir, "site.jar", "io.weir.site", "0.1.0.SNAPSHOT");
        Path dp = dir.resolve("x.dp");

        int built = run("build", "--name", "io.weir.gateway", "--version", "0.1.0.SNAPSHOT",
                "--display-name", "Weir gateway", "--out", dp.toString(), api.toString(), site.toString());
        int verified = run("verify", dp.toString());

        assertThat(built).as(err.toString()).isZero();
        assertThat(verified).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("wrote " + dp)
                .contains(dp + " is a valid deployment package")
                .contains("name:     io.weir.gateway (Weir gateway)")
                .contains("version:  0.1.0.SNAPSHOT")
                .contains("bundles:  2")
                .contains("io.weir.api 0.1.0.SNAPSHOT  bundles/api.jar")
                .contains("io.weir.site 0.1.0.SNAPSHOT  bundles/site.jar");
        assertThat(out.toString().indexOf("io.weir.api 0.1.0")).isLessThan(out.toString().indexOf("io.weir.site 0.1.0"));
    }

    @Test
    void buildsSignsAndVerifiesAPackageWithAResourceAgainstATrustStore() throws Exception {
        Path api = bundle(dir, "api.jar", "io.weir.api", "1.0.0");
        Path profile = Files.writeString(dir.resolve("radar.yaml"), "id: radar\n");
        Path keyStore = TestKeys.keyStore(dir, "ops", "CN=Weir operations");
        Path trustStore = TestKeys.trustStore(dir, "trust", TestKeys.certificate(dir, keyStore, "ops"));
        Path stranger = TestKeys.keyStore(dir, "stranger", "CN=Stranger");
        Path unsigned = dir.resolve("u.dp");
        Path signed = dir.resolve("s.dp");
        Path untrusted = dir.resolve("x.dp");

        int built = run("build", "--name", "io.weir.gateway", "--version", "1.0.0", "--out", unsigned.toString(),
                "--resource", "profiles/radar.yaml=" + profile, "--expect-component", "io.weir.site", api.toString());
        int signedExit = run("sign", "--keystore", keyStore.toString(), "--storepass", TestKeys.PASSWORD,
                "--alias", "ops", "--out", signed.toString(), unsigned.toString());
        int verified = run("verify", "--truststore", trustStore.toString(), "--storepass", TestKeys.PASSWORD,
                signed.toString());
        run("sign", "--keystore", stranger.toString(), "--storepass", TestKeys.PASSWORD, "--alias", "stranger",
                "--out", untrusted.toString(), unsigned.toString());
        int refused = run("verify", "--truststore", trustStore.toString(), "--storepass", TestKeys.PASSWORD,
                untrusted.toString());
        int unsignedRefused = run("verify", "--truststore", trustStore.toString(), "--storepass", TestKeys.PASSWORD,
                unsigned.toString());

        assertThat(List.of(built, signedExit, verified)).as(err.toString()).containsOnly(0);
        assertThat(out.toString())
                .contains("signed " + signed + " with ops (CN=Weir operations)")
                .contains(signed + " is a valid deployment package, signed by CN=Weir operations")
                .contains("profiles/radar.yaml  -> io.weir.deploy.resources")
                .contains("expects:  io.weir.site");
        assertThat(refused).isEqualTo(1);
        assertThat(unsignedRefused).isEqualTo(1);
        assertThat(err.toString())
                .contains("error: " + untrusted + " is refused (UNTRUSTED): signer CN=Stranger is not trusted")
                .contains("error: " + unsigned + " is refused (UNSIGNED): package is not signed");
    }

    @Test
    void verifyOfABadPackageExitsNonZeroSayingWhatIsWrong() throws Exception {
        Path notAPackage = bundle(dir, "api.jar", "io.weir.api", "1.0.0");

        int exit = run("verify", notAPackage.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualToIgnoringNewLines("error: " + notAPackage + " is not a valid deployment "
                + "package: META-INF/MANIFEST.MF has no DeploymentPackage-SymbolicName");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void verifyOfAMissingFileSaysSo() {
        Path missing = dir.resolve("nothing.dp");

        int exit = run("verify", missing.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualToIgnoringNewLines("error: no such file: " + missing);
    }

    @Test
    void buildOfANonBundleExitsNonZeroNamingTheFile() throws Exception {
        Path plain = TestJars.plainZip(dir, "lib.jar");
        Path dp = dir.resolve("x.dp");

        int exit = run("build", "--name", "io.weir.gateway", "--version", "1.0", "--out", dp.toString(),
                plain.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualToIgnoringNewLines("error: cannot build " + dp + ": " + plain
                + " is not a bundle: it has no META-INF/MANIFEST.MF");
        assertThat(dp).doesNotExist();
    }

    @Test
    void aMavenStyleVersionIsAUsageErrorThatSaysWhy() throws Exception {
        Path api = bundle(dir, "api.jar", "io.weir.api", "1.0.0");

        int exit = run("build", "--name", "io.weir.gateway", "--version", "0.1.0-SNAPSHOT",
                "--out", dir.resolve("x.dp").toString(), api.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("'0.1.0-SNAPSHOT' is not major[.minor[.micro[.qualifier]]]");
    }

    @Test
    void aBadSymbolicNameIsAUsageError() throws Exception {
        Path api = bundle(dir, "api.jar", "io.weir.api", "1.0.0");

        int exit = run("build", "--name", "io weir", "--version", "1.0", "--out", dir.resolve("x.dp").toString(),
                api.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("'io weir' is not a symbolic name");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("name a command: build, sign or verify");
    }

    @Test
    void buildWithoutBundlesIsAUsageError() {
        assertThat(run("build", "--name", "io.weir.gateway", "--version", "1.0", "--out", "x.dp")).isEqualTo(2);
        assertThat(Files.exists(Path.of("x.dp"))).isFalse();
    }

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
