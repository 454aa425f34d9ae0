package io.weir.deploy.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.weir.deploy.itest.DeployFixture.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

import io.weir.deploy.itest.sample.Broken;
import io.weir.deploy.itest.sample.Healthy;
import io.weir.deploy.packaging.DeploymentPackageReader;
import io.weir.deploy.packaging.DeploymentPackageSigner;
import io.weir.deploy.packaging.DeploymentPackageWriter;
import io.weir.deploy.packaging.OsgiVersion;
import io.weir.deploy.packaging.PackageContent;
import io.weir.deploy.packaging.PackageHeaders;
import io.weir.deploy.packaging.ResourceFile;
import io.weir.deploy.packaging.VersionRange;

/**
 * The deploy agent in Equinox with Felix Deployment Admin: packages built and signed with weir-deployment-packages,
 * served over HTTPS by a JDK server whose certificate keytool made, pushed with the deploy commands.
 */
class DeployAgentIT extends WithPackageServer {

    @Test
    void installsAPackageWithResourcesReportingEveryStepThenUninstallsIt() throws Exception {
        Path siteFile = Path.of(context.getProperty("weir.site.file"));
        Files.createDirectories(siteFile.getParent());
        Files.writeString(siteFile, "gateway: {id: before-the-package}\n");
        Path profile = Files.writeString(work.resolve("radar.yaml"), "id: itest-radar\nmodel: R1\n");
        Path site = Files.writeString(work.resolve("site.yaml"), "gateway: {id: from-the-package}\n");
        Path dp = signed(operations, "ops", "itest.install", "1.0.0",
                List.of(TinyBundles.bundle(work, "itest.install.a", "1.0.0", Healthy.class)),
                List.of(ResourceFile.weir("profiles/itest-radar.yaml", profile),
                        ResourceFile.weir("site/site.yaml", site)), List.of("itest.install.a.component"));

        String reply = install("job-install", dp, "itest.install", "1.0.0");

        assertThat(reply).contains("\"accepted\":true").contains("\"jobId\":\"job-install\"");
        awaitFinal("job-install");
        assertThat(types("job-install")).containsSubsequence("DEPLOY_ACCEPTED", "DEPLOY_DOWNLOADING",
                "DEPLOY_DOWNLOADED", "DEPLOY_VERIFIED", "DEPLOY_INSTALLED", "DEPLOY_SUCCEEDED");
        assertThat(event("job-install", "DEPLOY_VERIFIED").details())
                .containsEntry("signer", "CN=Weir operations,O=County")
                .containsEntry("name", "itest.install").containsEntry("version", "1.0.0");
        assertThat(event("job-install", "DEPLOY_SUCCEEDED").source()).isEqualTo("deploy");
        assertThat(bundle("itest.install.a")).hasValueSatisfying(b -> assertThat(b.getState()).isEqualTo(Bundle.ACTIVE));
        assertThat(Path.of(context.getProperty("weir.profiles.dir")).resolve("itest-radar.yaml"))
                .hasContent("id: itest-radar\nmodel: R1");
        assertThat(siteFile).hasContent("gateway: {id: from-the-package}");
        assertThat(command("deploy-list", Map.of())).contains("{\"name\":\"itest.install\",\"version\":\"1.0.0\"}");
        assertThat(status()).contains("\"jobId\":\"job-install\",\"state\":\"SUCCEEDED\"");
        // the same job again: harmless, reports where it is
        assertThat(install("job-install", dp, "itest.install", "1.0.0")).contains("\"state\":\"SUCCEEDED\"");

        command("deploy-uninstall", Map.of("jobId", "job-uninstall", "name", "itest.install"));

        awaitFinal("job-uninstall");
        assertThat(types("job-uninstall")).containsExactly("DEPLOY_ACCEPTED", "DEPLOY_UNINSTALLED");
        assertThat(bundle("itest.install.a")).isEmpty();
        assertThat(siteFile).hasContent("gateway: {id: before-the-package}");
        assertThat(Path.of(context.getProperty("weir.profiles.dir")).resolve("itest-radar.yaml")).doesNotExist();
    }

    @Test
    void upgradesToANewVersion() throws Exception {
        installAndSucceed("job-upgrade-1", "itest.upgrade", "1.0.0", Healthy.class);

        installAndSucceed("job-upgrade-2", "itest.upgrade", "1.1.0", Healthy.class);

        assertThat(installedVersion("itest.upgrade")).hasValue("1.1.0");
        assertThat(bundle("itest.upgrade.a")).hasValueSatisfying(
                b -> assertThat(b.getVersion().toString()).isEqualTo("1.1.0"));
    }

    @Test
    void appliesAFixPackThatShipsOnlyWhatChanged() throws Exception {
        Path a = TinyBundles.bundle(work, "itest.fix.a", "1.0.0", Healthy.class);
        Path b = TinyBundles.bundle(work, "itest.fix.b", "1.0.0", Healthy.class);
        Path base = signed(operations, "ops", "itest.fix", "1.0.0", List.of(a, b), List.of(), List.of());
        install("job-fix-1", base, "itest.fix", "1.0.0");
        awaitFinal("job-fix-1");
        Path unsignedFix = work.resolve("itest.fix-1.0.1-unsigned.dp");
        DeploymentPackageWriter.write(new PackageHeaders("itest.fix", OsgiVersion.parse("1.0.1"), Optional.empty(),
                Optional.of(VersionRange.parse("[1.0.0,1.0.1)"))), new PackageContent(
                List.of(TinyBundles.bundle(work, "itest.fix.b", "1.0.1", Healthy.class)), List.of(),
                Optional.of(DeploymentPackageReader.read(base))), unsignedFix);
        Path fix = work.resolve("itest.fix-1.0.1.dp");
        new DeploymentPackageSigner(DeploymentPackageSigner.loadKey(operations, Keys.PASSWORD.toCharArray(), "ops",
                Keys.PASSWORD.toCharArray()), "weir").sign(unsignedFix, fix);

        install("job-fix-2", fix, "itest.fix", "1.0.1");

        awaitFinal("job-fix-2");
        assertThat(types("job-fix-2")).as(events.toString()).endsWith("DEPLOY_SUCCEEDED");
        assertThat(installedVersion("itest.fix")).hasValue("1.0.1");
        assertThat(bundle("itest.fix.a")).hasValueSatisfying(
                bundle -> assertThat(bundle.getVersion().toString()).isEqualTo("1.0.0"));
        assertThat(bundle("itest.fix.b")).hasValueSatisfying(
                bundle -> assertThat(bundle.getVersion().toString()).isEqualTo("1.0.1"));
    }

    @Test
    void rollsABrokenUpdateBackToThePreviousVersion() throws Exception {
        installAndSucceed("job-rollback-1", "itest.rollback", "1.0.0", Healthy.class);
        Path broken = signed(operations, "ops", "itest.rollback", "1.1.0",
                List.of(TinyBundles.bundle(work, "itest.rollback.a", "1.1.0", Broken.class)), List.of(), List.of());

        install("job-rollback-2", broken, "itest.rollback", "1.1.0");

        awaitFinal("job-rollback-2");
        assertThat(types("job-rollback-2")).containsSubsequence("DEPLOY_INSTALLED", "DEPLOY_ROLLED_BACK");
        assertThat((String) event("job-rollback-2", "DEPLOY_ROLLED_BACK").details().get("reason"))
                .contains("component itest.rollback.a.component failed to activate");
        assertThat(installedVersion("itest.rollback")).hasValue("1.0.0");
        assertThat(bundle("itest.rollback.a")).hasValueSatisfying(b -> {
            assertThat(b.getVersion().toString()).isEqualTo("1.0.0");
            assertThat(b.getState()).isEqualTo(Bundle.ACTIVE);
        });
    }

    @Test
    void aBrokenFirstInstallIsUninstalled() throws Exception {
        Path broken = signed(operations, "ops", "itest.firstbroken", "1.0.0",
                List.of(TinyBundles.bundle(work, "itest.firstbroken.a", "1.0.0", Broken.class)), List.of(), List.of());

        install("job-firstbroken", broken, "itest.firstbroken", "1.0.0");

        awaitFinal("job-firstbroken");
        assertThat(types("job-firstbroken")).endsWith("DEPLOY_ROLLED_BACK");
        assertThat(installedVersion("itest.firstbroken")).isEmpty();
        assertThat(bundle("itest.firstbroken.a")).isEmpty();
    }

    @Test
    void refusesATamperedPackage() throws Exception {
        Path dp = signed(operations, "ops", "itest.tampered", "1.0.0",
                List.of(TinyBundles.bundle(work, "itest.tampered.a", "1.0.0", Healthy.class)), List.of(), List.of());
        Path tampered = replaceEntry(dp, "bundles/itest.tampered.a-1.0.0.jar",
                Files.readAllBytes(TinyBundles.bundle(work, "itest.tampered.a", "1.0.0", Broken.class)));

        assertRefused("job-tampered", tampered, "itest.tampered", "SIGNATURE", "package was changed after signing");
    }

    @Test
    void refusesAnUnsignedPackage() throws Exception {
        Path unsigned = unsigned("itest.unsigned", "1.0.0",
                List.of(TinyBundles.bundle(work, "itest.unsigned.a", "1.0.0", Healthy.class)), List.of(), List.of());

        assertRefused("job-unsigned", unsigned, "itest.unsigned", "SIGNATURE", "package is not signed");
    }

    @Test
    void refusesAPackageSignedByAnUntrustedKey() throws Exception {
        Path dp = signed(stranger, "stranger", "itest.untrusted", "1.0.0",
                List.of(TinyBundles.bundle(work, "itest.untrusted.a", "1.0.0", Healthy.class)), List.of(), List.of());

        assertRefused("job-untrusted", dp, "itest.untrusted", "SIGNATURE", "signer CN=Stranger is not trusted");
    }

    @Test
    void refusesAPackageWhoseHashIsNotTheOneAnnounced() throws Exception {
        Path dp = signed(operations, "ops", "itest.hash", "1.0.0",
                List.of(TinyBundles.bundle(work, "itest.hash.a", "1.0.0", Healthy.class)), List.of(), List.of());
        server.put("hash.dp", Files.readAllBytes(dp));

        command("deploy-install", Map.of("jobId", "job-hash", "url", server.url("hash.dp"), "sha256", "0".repeat(64),
                "name", "itest.hash", "version", "1.0.0"));

        awaitFinal("job-hash");
        assertThat(event("job-hash", "DEPLOY_FAILED").details()).containsEntry("step", "HASH");
        assertThat((String) event("job-hash", "DEPLOY_FAILED").details().get("reason"))
                .startsWith("SHA-256 mismatch: expected " + "0".repeat(64) + " got ");
    }

    @Test
    void aDownloadInterruptedByARestartResumesWhereItStopped() throws Exception {
        Path dp = signed(operations, "ops", "itest.resume", "1.0.0",
                List.of(TinyBundles.bundle(work, "itest.resume.a", "1.0.0", Healthy.class)), List.of(), List.of());
        byte[] bytes = Files.readAllBytes(dp);
        server.put("resume.dp", bytes);
        server.stallOnce("resume.dp", 500);
        Path partial = dataDir.resolve("deploy/downloads/job-resume.part");

        command("deploy-install", Map.of("jobId", "job-resume", "url", server.url("resume.dp"), "sha256",
                sha256(bytes), "name", "itest.resume", "version", "1.0.0"));
        await().atMost(WAIT).until(() -> Files.exists(partial) && Files.size(partial) == 500);
        Bundle agent = bundle("io.weir.deploy").orElseThrow();
        agent.stop();
        agent.start();

        awaitFinal("job-resume");
        assertThat(types("job-resume")).endsWith("DEPLOY_SUCCEEDED");
        assertThat(server.requests()).contains("/resume.dp -", "/resume.dp bytes=500-");
        assertThat(installedVersion("itest.resume")).hasValue("1.0.0");
    }

}
