package io.weir.deploy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.GatewayEvent;
import io.weir.deploy.packaging.OsgiVersion;
import io.weir.deploy.packaging.PackageLimits;
import io.weir.testing.Patience;

/** The agent's core with a fake Deployment Admin and health check: what a restart in the middle of a job does. */
class DeployAgentTest {

    @TempDir
    Path work;

    private final List<GatewayEvent> events = new CopyOnWriteArrayList<>();
    private final FakeInstaller installer = new FakeInstaller();
    private Optional<String> healthProblem = Optional.empty();
    private DeployAgent agent;

    @AfterEach
    void close() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void aJobInstalledButNotYetHealthyIsCheckedAgainAfterARestart() throws Exception {
        installer.packages.put("p", "2.0.0");
        new JobFile(work.resolve("job.json"), new ObjectMapper()).write(job(JobState.INSTALLED, "1.0.0"));

        start();

        await().atMost(Patience.LOCAL).until(() -> types().contains("DEPLOY_SUCCEEDED"));
        assertThat(agent.currentJob().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(new JobFile(work.resolve("job.json"), new ObjectMapper()).read())
                .hasValueSatisfying(job -> assertThat(job.state()).isEqualTo(JobState.SUCCEEDED));
    }

    @Test
    void anUnhealthyJobFoundAfterARestartIsRolledBackToTheKeptPreviousVersion() throws Exception {
        installer.packages.put("p", "2.0.0");
        Path previous = Files.createDirectories(work.resolve("packages/p")).resolve("1.0.0.dp");
        Files.writeString(previous, "the 1.0.0 package");
        new JobFile(work.resolve("job.json"), new ObjectMapper()).write(job(JobState.INSTALLED, "1.0.0"));
        healthProblem = Optional.of("component x is not active or satisfied");

        start();

        await().atMost(Patience.LOCAL).until(() -> types().contains("DEPLOY_ROLLED_BACK"));
        assertThat(installer.installedFiles).containsExactly(previous);
        GatewayEvent rolledBack = events.get(events.size() - 1);
        assertThat(rolledBack.details()).containsEntry("jobId", "job-1")
                .containsEntry("reason", "component x is not active or satisfied")
                .containsEntry("restored", "1.0.0");
    }

    @Test
    void anUnhealthyFirstInstallIsUninstalled() throws Exception {
        installer.packages.put("p", "2.0.0");
        new JobFile(work.resolve("job.json"), new ObjectMapper()).write(job(JobState.INSTALLED, null));
        healthProblem = Optional.of("bundle p.a is not active");

        start();

        await().atMost(Patience.LOCAL).until(() -> types().contains("DEPLOY_ROLLED_BACK"));
        assertThat(installer.packages).isEmpty();
    }

    @Test
    void refusesASecondJobWhileOneIsRunningAndAnswersTheSameJobAgainHarmlessly() throws Exception {
        installer.packages.put("p", "2.0.0");
        Files.writeString(Files.createDirectories(work.resolve("packages/p")).resolve("1.0.0.dp"), "1.0.0");
        new JobFile(work.resolve("job.json"), new ObjectMapper()).write(job(JobState.INSTALLED, "1.0.0"));
        healthProblem = Optional.of("never healthy");
        installer.blockInstall = true; // the rollback hangs, so the job stays running
        start();
        await().atMost(Patience.LOCAL).until(() -> agent.currentJob().state() == JobState.ROLLING_BACK);

        assertThatThrownBy(() -> agent.install(Map.of("jobId", "job-2", "url", "https://example.org/p.dp",
                "sha256", "0".repeat(64), "name", "p", "version", "3.0.0")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("job job-1 is still running (ROLLING_BACK); try again when it is done");
        assertThat(agent.install(Map.of("jobId", "job-1"))).isEqualTo(
                "{\"accepted\":true,\"jobId\":\"job-1\",\"state\":\"ROLLING_BACK\"}");
        installer.blockInstall = false;
    }

    @Test
    void anOutOfMemoryErrorInAStepEndsTheJobFailedAndFreesTheAgent() throws Exception {
        installer.packages.put("p", "2.0.0");
        Files.writeString(Files.createDirectories(work.resolve("packages/p")).resolve("1.0.0.dp"), "1.0.0");
        new JobFile(work.resolve("job.json"), new ObjectMapper()).write(job(JobState.INSTALLED, "1.0.0"));
        healthProblem = Optional.of("never healthy");
        installer.failWith = new OutOfMemoryError("Java heap space"); // the rollback's install
        start();

        await().atMost(Patience.LOCAL).until(() -> agent.currentJob().state() == JobState.FAILED);

        assertThat(agent.currentJob().reason()).startsWith("INTERNAL: ROLLING_BACK: java.lang.OutOfMemoryError");
        assertThat(types()).endsWith("DEPLOY_FAILED");
        assertThat(agent.install(Map.of("jobId", "job-2", "url", "https://example.org/p.dp", "sha256",
                "0".repeat(64), "name", "p", "version", "3.0.0"))).contains("\"accepted\":true");
    }

    @Test
    void aVersionBelowTheMinimumIsRefusedBeforeAnyDownload() throws Exception {
        start();

        assertThatThrownBy(() -> agent.install(Map.of("jobId", "j", "url", "https://example.org/p.dp", "sha256",
                "0".repeat(64), "name", "p", "version", "1.0.0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("version 1.0.0 of p is below its minimum version 1.5.0");
        assertThat(agent.status()).contains("\"minimumVersions\":{\"p\":\"1.5.0\"}");
    }

    @Test
    void withNoCaForPackageServersEveryDownloadIsRefusedSayingSo() throws Exception {
        start();

        agent.install(Map.of("jobId", "j", "url", "https://example.org/p.dp", "sha256", "0".repeat(64), "name", "p",
                "version", "2.0.0"));

        await().atMost(Patience.LOCAL).until(() -> agent.currentJob().state() == JobState.FAILED);
        assertThat(agent.currentJob().reason()).isEqualTo("DOWNLOAD: the gateway trusts no package server: no CA is "
                + "configured for downloads (deploy.caFile in the site file, or download-ca.pem beside it)");
    }

    @Test
    void badArgumentsAreRefusedSayingWhich() throws Exception {
        start();

        assertThatThrownBy(() -> agent.install(Map.of("jobId", "a b"))).hasMessageContaining("jobId must match");
        assertThatThrownBy(() -> agent.install(Map.of("jobId", "j", "url", "http://example.org/p.dp", "sha256",
                "0".repeat(64), "name", "p", "version", "1.0"))).hasMessage("url must be an https:// URL, not "
                        + "http://example.org/p.dp");
        assertThatThrownBy(() -> agent.install(Map.of("jobId", "j", "url", "https://example.org/p.dp", "sha256",
                "ABC", "name", "p", "version", "1.0"))).hasMessage("sha256 must be 64 lower-case hex digits");
        assertThatThrownBy(() -> agent.uninstall(Map.of("jobId", "j", "name", "nothing")))
                .hasMessage("no deployment package named nothing is installed");
        assertThat(agent.list()).isEqualTo("{\"packages\":[],\"job\":null}");
    }

    static Job job(JobState state, String previous) {
        return Job.accepted("job-1", Job.Kind.INSTALL, "p", "2.0.0", "https://example.org/p.dp", "0".repeat(64))
                .withPrevious(previous).in(state);
    }

    private void start() throws Exception {
        agent = agent(work, installer, (bundles, expected, timeout) -> healthProblem, events::add);
        agent.start();
    }

    /** An agent on {@code work} with no trust configured: the tests here resume jobs past the download. */
    static DeployAgent agent(Path work, Installer installer, HealthCheck health,
            java.util.function.Consumer<GatewayEvent> events) throws Exception {
        DeployOptions options = new DeployOptions(work, Optional.empty(), Optional.empty(), Duration.ofSeconds(1),
                List.of(), Duration.ofSeconds(1), PackageLimits.DEFAULTS, Map.of("p", OsgiVersion.parse("1.5.0")));
        return new DeployAgent(options, new Downloader(SSLContext.getDefault(), Duration.ofSeconds(1), 1 << 20),
                Optional.empty(), installer, health, events, Clock.systemUTC(), Executors.newSingleThreadExecutor(),
                new ObjectMapper());
    }

    private List<String> types() {
        List<String> types = new ArrayList<>();
        events.forEach(event -> types.add(event.type()));
        return types;
    }

    static final class FakeInstaller implements Installer {
        final Map<String, String> packages = new TreeMap<>();
        final List<Path> installedFiles = new CopyOnWriteArrayList<>();
        volatile boolean blockInstall;
        volatile Error failWith;

        @Override
        public void install(Path file) throws Exception {
            if (failWith != null) {
                throw failWith;
            }
            while (blockInstall) {
                Thread.onSpinWait();
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
            }
            installedFiles.add(file);
            packages.put("p", file.getFileName().toString().replace(".dp", ""));
        }

        @Override
        public void uninstall(String name) {
            packages.remove(name);
        }

        @Override
        public Map<String, String> installed() {
            return new TreeMap<>(packages);
        }

        @Override
        public List<String> bundlesOf(String name) {
            return List.of();
        }
    }
}
