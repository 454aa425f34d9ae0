package io.weir.deploy.itest;

import static io.weir.deploy.itest.DeployFixture.awaitFinal;
import static io.weir.deploy.itest.DeployFixture.command;
import static io.weir.deploy.itest.DeployFixture.context;
import static io.weir.deploy.itest.DeployFixture.dataDir;
import static io.weir.deploy.itest.DeployFixture.event;
import static io.weir.deploy.itest.DeployFixture.install;
import static io.weir.deploy.itest.DeployFixture.installAndSucceed;
import static io.weir.deploy.itest.DeployFixture.installedVersion;
import static io.weir.deploy.itest.DeployFixture.operations;
import static io.weir.deploy.itest.DeployFixture.server;
import static io.weir.deploy.itest.DeployFixture.sha256;
import static io.weir.deploy.itest.DeployFixture.sign;
import static io.weir.deploy.itest.DeployFixture.status;
import static io.weir.deploy.itest.DeployFixture.types;
import static io.weir.deploy.itest.DeployFixture.unsigned;
import static io.weir.deploy.itest.DeployFixture.work;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

import io.weir.deploy.itest.sample.Healthy;
import io.weir.deploy.packaging.OsgiVersion;
import io.weir.deploy.packaging.PackageHeaders;
import io.weir.deploy.packaging.ResourceFile;
import io.weir.deploy.packaging.VersionRange;

/**
 * The security review's attacks on deployments, replayed through the running agent in a real framework with Felix
 * Deployment Admin and a real HTTPS package server: each must be refused with its reason, change nothing installed,
 * and leave the agent free for the next job.
 */
class DeployAttackIT extends WithPackageServer {

    private static final String DOWNLOAD_FAILED = "the package could not be downloaded; the gateway's log says why";

    @Test
    void aReplayedOlderOrSameSignedPackageCannotTakeTheGatewayBack() throws Exception {
        installAndSucceed("job-replay-1", "itest.replay", "1.0.0", Healthy.class);
        Path old = work.resolve("itest.replay-1.0.0-ops.dp");
        installAndSucceed("job-replay-2", "itest.replay", "1.1.0", Healthy.class);
        Path same = work.resolve("itest.replay-1.1.0-ops.dp");

        install("job-replay-3", old, "itest.replay", "1.0.0");
        install("job-replay-4", same, "itest.replay", "1.1.0");

        assertRefused("job-replay-3", "VERSION", "version 1.0.0 is not newer than the installed 1.1.0, and the "
                + "package allows no downgrade (Weir-Allow-Downgrade-From)");
        assertRefused("job-replay-4", "VERSION", "version 1.1.0 is not newer than the installed 1.1.0");
        assertThat(installedVersion("itest.replay")).hasValue("1.1.0");
    }

    @Test
    void aSignedRollbackMayDowngradeButNothingGoesBelowTheSignedMinimum() throws Exception {
        installSucceeding("job-floor-1", headers("1.2.0", null, "1.1.0"));

        installSucceeding("job-floor-2", headers("1.1.5", "[1.2.0,1.2.0]", null));

        assertThat(installedVersion("itest.floor")).hasValue("1.1.5");
        assertThat(status()).contains("\"minimumVersions\":{\"itest.floor\":\"1.1.0\"}");
        Path tooOld = sign(unsigned(headers("1.0.0", "[1.0.0,2.0.0)", null), List.of(bundleOf("1.0.0")), List.of()),
                operations, "ops");
        assertThatThrownBy(() -> install("job-floor-3", tooOld, "itest.floor", "1.0.0"))
                .hasMessage("version 1.0.0 of itest.floor is below its minimum version 1.1.0");
        assertThat(installedVersion("itest.floor")).hasValue("1.1.5");
    }

    @Test
    void aPackageThatInflatesToHundredsOfMegabytesFailsItsJobAndTheNextJobRuns() throws Exception {
        Path bomb = work.resolve("bomb.dp");
        try (OutputStream out = Files.newOutputStream(bomb); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_SPEED);
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            byte[] letters = new byte[1 << 20];
            Arrays.fill(letters, (byte) 'a');
            for (int mib = 0; mib < 256; mib++) {
                zip.write(letters);
            }
        }

        install("job-bomb", bomb, "itest.bomb", "1.0.0");

        assertRefused("job-bomb", "SIZE", "entry META-INF/MANIFEST.MF is larger than the limit of 1048576 bytes");
        assertThat(status()).contains("\"jobId\":\"job-bomb\",\"state\":\"FAILED\"");
        installAndSucceed("job-bomb-after", "itest.bomb", "1.0.0", Healthy.class);
    }

    @Test
    void aDownloadOverTheSizeLimitIsCutOff() throws Exception {
        byte[] large = new byte[(DeployFixture.MAX_PACKAGE_MIB << 20) + 1];
        new Random(7).nextBytes(large);
        server.put("large.dp", large);

        command("deploy-install", Map.of("jobId", "job-large", "url", server.url("large.dp"), "sha256",
                sha256(large), "name", "itest.large", "version", "1.0.0"));

        assertRefused("job-large", "DOWNLOAD", DOWNLOAD_FAILED);
        assertThat(dataDir.resolve("deploy/downloads/job-large.part")).doesNotExist();
    }

    @Test
    void everyDownloadFailureLooksTheSameToWhoeverSentTheCommand() throws Exception {
        String missing = server.url("no-such.dp");
        // a port held for the test but never listening: a connection to it is refused, and nobody else can take it
        try (Socket refusing = new Socket()) {
            refusing.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            command("deploy-install", Map.of("jobId", "job-scan-1", "url", "https://localhost:"
                    + refusing.getLocalPort() + "/x.dp", "sha256", "0".repeat(64), "name", "itest.scan",
                    "version", "1.0.0"));
            awaitFinal("job-scan-1");
        }
        command("deploy-install", Map.of("jobId", "job-scan-2", "url", missing, "sha256", "0".repeat(64), "name",
                "itest.scan", "version", "1.0.0"));
        awaitFinal("job-scan-2");

        assertThat(event("job-scan-1", "DEPLOY_FAILED").details()).containsEntry("reason", DOWNLOAD_FAILED);
        assertThat(event("job-scan-2", "DEPLOY_FAILED").details()).containsEntry("reason", DOWNLOAD_FAILED);
    }

    @Test
    void aSiteFileCarryingAPasswordIsRefusedAndADeployKeepsTheSiteFilesMode() throws Exception {
        Path siteFile = Path.of(context.getProperty("weir.site.file"));
        Files.createDirectories(siteFile.getParent());
        Files.writeString(siteFile, "gateway: {id: keep-me}\n");
        Files.setPosixFilePermissions(siteFile, PosixFilePermissions.fromString("rw-------"));
        Path leaky = Files.writeString(work.resolve("leaky-site.yaml"),
                "gateway: {id: leaky}\nuplink:\n  broker: tcp://broker:1883\n  password: hunter2\n");
        Path clean = Files.writeString(work.resolve("clean-site.yaml"),
                "gateway: {id: clean}\nuplink:\n  broker: tcp://broker:1883\n  passwordFile: uplink.password\n");

        install("job-leaky", sign(unsigned(new PackageHeaders("itest.leaky", OsgiVersion.parse("1.0.0"),
                Optional.empty(), Optional.empty()), List.of(), List.of(ResourceFile.weir("site/site.yaml", leaky))),
                operations, "ops"), "itest.leaky", "1.0.0");

        assertRefused("job-leaky", "INSTALL", "carries a secret (password)");
        assertThat((String) event("job-leaky", "DEPLOY_FAILED").details().get("reason")).doesNotContain("hunter2");
        assertThat(siteFile).hasContent("gateway: {id: keep-me}");
        assertThat(dataDir.resolve("deploy/packages/itest.leaky")).doesNotExist();

        install("job-clean", sign(unsigned(new PackageHeaders("itest.clean", OsgiVersion.parse("1.0.0"),
                Optional.empty(), Optional.empty()), List.of(), List.of(ResourceFile.weir("site/site.yaml", clean))),
                operations, "ops"), "itest.clean", "1.0.0");
        awaitFinal("job-clean");

        assertThat(types("job-clean")).endsWith("DEPLOY_SUCCEEDED");
        assertThat(siteFile).hasContent(Files.readString(clean).strip());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(siteFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("deploy"))))
                .isEqualTo("rwx------");
        command("deploy-uninstall", Map.of("jobId", "job-clean-uninstall", "name", "itest.clean"));
        awaitFinal("job-clean-uninstall");
        assertThat(siteFile).hasContent("gateway: {id: keep-me}");
    }

    // ---- helpers ----

    private static void assertRefused(String jobId, String step, String reason) {
        awaitFinal(jobId);
        assertThat(event(jobId, "DEPLOY_FAILED").details()).containsEntry("step", step);
        assertThat((String) event(jobId, "DEPLOY_FAILED").details().get("reason")).contains(reason);
        assertThat(types(jobId)).doesNotContain("DEPLOY_INSTALLED");
        if (!step.equals("INSTALL")) {
            assertThat(types(jobId)).doesNotContain("DEPLOY_VERIFIED");
        }
    }

    private static PackageHeaders headers(String version, String downgradeFrom, String minimum) {
        return new PackageHeaders("itest.floor", OsgiVersion.parse(version), Optional.empty(), Optional.empty(),
                List.of(), Optional.ofNullable(downgradeFrom).map(VersionRange::parse),
                Optional.ofNullable(minimum).map(OsgiVersion::parse));
    }

    private static Path bundleOf(String version) throws Exception {
        return TinyBundles.bundle(work, "itest.floor.a", version, Healthy.class);
    }

    private static void installSucceeding(String jobId, PackageHeaders headers) throws Exception {
        Path dp = sign(unsigned(headers, List.of(bundleOf(headers.version().toString())), List.of()), operations,
                "ops");
        install(jobId, dp, headers.symbolicName(), headers.version().toString());
        awaitFinal(jobId);
        assertThat(types(jobId)).as(DeployFixture.events.toString()).endsWith("DEPLOY_SUCCEEDED");
    }
}
