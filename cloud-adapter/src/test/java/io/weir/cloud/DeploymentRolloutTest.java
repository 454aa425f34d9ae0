package io.weir.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.weir.cloud.deploy.DeploymentRequestException;
import io.weir.cloud.deploy.JobState;
import io.weir.cloud.deploy.JobStatus;
import io.weir.cloud.deploy.PackageRegistration;
import io.weir.cloud.deploy.RolloutRequest;
import io.weir.cloud.deploy.RolloutState;
import io.weir.cloud.deploy.RolloutStatus;
import io.weir.cloud.testing.FakeDeployAgent;
import io.weir.cloud.testing.FakeDeployAgent.Outcome;
import io.weir.cloud.testing.Schemas;
import io.weir.cloud.testing.TestDatabase;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deployment operations against the real broker and each database, with fake deploy agents that answer
 * cmd/deploy-install and report DEPLOY_* events: a staged rollout that goes through, one halted by a canary that
 * fails, a gateway that never reports, and duplicated reports seen by two adapter instances, handled once.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class DeploymentRolloutTest {
    private static final String URL = "https://packages.county.example/io.weir.gateway-1.1.0.dp";

    @Parameter
    TestDatabase db;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private AdapterHarness harness;

    @BeforeEach
    void start() {
        harness = new AdapterHarness(dir, db);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private static ConditionFactory eventually() {
        return AdapterHarness.eventually();
    }

    private CloudAdapterConfig config(String clientId) {
        return harness.deployConfig(clientId);
    }

    private FakeDeployAgent agent(String gatewayId, Outcome outcome, boolean duplicate) throws Exception {
        return harness.agent(gatewayId, outcome, duplicate);
    }

    @Test
    void aStagedRolloutOverRestInstallsTheCanariesFirstThenTheRest() throws Exception {
        CloudAdapter adapter = harness.start(config("weir-cloud-deploy"));
        FakeDeployAgent canary1 = agent("gw-1", Outcome.SUCCEED, false).holdFinalReport();
        FakeDeployAgent canary2 = agent("gw-2", Outcome.SUCCEED, false).holdFinalReport();
        FakeDeployAgent rest1 = agent("gw-3", Outcome.SUCCEED, false);
        FakeDeployAgent rest2 = agent("gw-4", Outcome.SUCCEED, false);
        Path dp = harness.signers.signed(dir, "io.weir.gateway", "1.1.0", "ops");

        JsonNode registered = harness.send("POST", adapter, "packages",
                "{\"file\":\"" + dp + "\",\"url\":\"" + URL + "\"}", 201);
        assertThat(registered.path("name").asText()).isEqualTo("io.weir.gateway");
        assertThat(registered.path("version").asText()).isEqualTo("1.1.0");
        assertThat(registered.path("sha256").asText()).isEqualTo(sha256(dp));
        harness.send("PUT", adapter, "groups/north", "{\"gateways\":[\"gw-1\",\"gw-2\",\"gw-3\",\"gw-4\"]}", 200);
        JsonNode started = harness.send("POST", adapter, "rollouts",
                "{\"name\":\"io.weir.gateway\",\"version\":\"1.1.0\",\"group\":\"north\",\"canaries\":2}", 201);
        String rolloutId = started.path("rolloutId").asText();
        assertThat(started.path("state").asText()).isEqualTo("CANARY");

        // both canaries installed, their final report held back: the others must still be waiting
        eventually().untilAsserted(() -> assertThat(jobStates(adapter, rolloutId))
                .containsExactly("INSTALLED", "INSTALLED", "WAITING", "WAITING"));
        assertThat(rest1.commands()).isEmpty();
        assertThat(rest2.commands()).isEmpty();
        JsonNode command = canary1.commands().get(0);
        Schemas.requireValid("cmd-deploy-install", command.toString());
        assertThat(command.path("args").path("url").asText()).isEqualTo(URL);
        assertThat(command.path("args").path("sha256").asText()).isEqualTo(sha256(dp));

        canary1.releaseFinalReport();
        eventually().untilAsserted(() -> assertThat(jobStates(adapter, rolloutId))
                .containsExactly("SUCCEEDED", "INSTALLED", "WAITING", "WAITING"));
        canary2.releaseFinalReport();

        eventually().untilAsserted(() -> assertThat(adapter.deployments().rollout(rolloutId)).get()
                .extracting(RolloutStatus::state).isEqualTo(RolloutState.SUCCEEDED));
        assertThat(jobStates(adapter, rolloutId)).containsOnly("SUCCEEDED");
        assertThat(List.of(canary1, canary2, rest1, rest2)).allSatisfy(a -> assertThat(a.commands()).hasSize(1));
        JsonNode viaRest = harness.send("GET", adapter, "rollouts/" + rolloutId, null, 200);
        assertThat(viaRest.path("jobs").get(0).path("bytes").asLong()).isEqualTo(10000);
        assertThat(harness.send("GET", adapter, "gateways/gw-3/events", null, 200).path("items"))
                .extracting(e -> e.path("type").asText()).first().isEqualTo("DEPLOY_SUCCEEDED");
        String page = new String(http.send(AdapterHarness.opsRequest(adapter, "/").build(),
                HttpResponse.BodyHandlers.ofByteArray()).body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page).contains("Deployments").contains(rolloutId).contains("gw-4 (wave 2): SUCCEEDED");
    }

    @Test
    void aCanaryThatFailsHaltsTheRolloutAndTheOthersNeverGetTheCommand() throws Exception {
        CloudAdapter adapter = harness.start(config("weir-cloud-deploy"));
        FakeDeployAgent canary = agent("gw-1", Outcome.FAIL_SIGNATURE, false);
        FakeDeployAgent other = agent("gw-2", Outcome.SUCCEED, false);
        register(adapter, "io.weir.gateway", "1.1.0");
        adapter.deployments().defineGroup("south", List.of("gw-1", "gw-2", "gw-3"));

        String rolloutId = adapter.deployments().startRollout(RolloutRequest.toGroup("io.weir.gateway", "1.1.0",
                "south", 1)).rolloutId();

        eventually().untilAsserted(() -> assertThat(adapter.deployments().rollout(rolloutId)).get()
                .extracting(RolloutStatus::state).isEqualTo(RolloutState.HALTED));
        RolloutStatus halted = adapter.deployments().rollout(rolloutId).orElseThrow();
        assertThat(halted.haltReason()).startsWith("wave 1 of 2: 1 of 1 gateway(s) did not succeed (canary gw-1 "
                + "ended FAILED: step SIGNATURE: signer CN=rogue is not trusted)");
        // halted, the others are held for the operator to decide, and get no command
        assertThat(halted.jobs()).extracting(JobStatus::state)
                .containsExactly(JobState.FAILED, JobState.WAITING, JobState.WAITING);
        assertThat(canary.commands()).hasSize(1);
        assertThat(other.commands()).isEmpty();
        assertThat(harness.send("GET", adapter, "rollouts/" + rolloutId, null, 200).path("haltReason").asText())
                .contains("signer CN=rogue is not trusted");
        // a halted rollout holds its gateways until it is cancelled
        assertThat(harness.send("POST", adapter, "rollouts", "{\"name\":\"io.weir.gateway\",\"version\":\"1.1.0\","
                + "\"gateway\":\"gw-2\"}", 409).path("detail").asText()).contains("gw-2 (job " + rolloutId);
        JsonNode cancelled = harness.send("POST", adapter, "rollouts/" + rolloutId + "/cancel", "{}", 200);
        assertThat(cancelled.path("state").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("jobs").get(1).path("detail").asText())
                .isEqualTo("cancelled by ops before it was sent");
        assertThat(adapter.deployments().startRollout(RolloutRequest.toGateway("io.weir.gateway", "1.1.0", "gw-2"))
                .state()).isEqualTo(RolloutState.ROLLING_OUT);
        assertThat(other.commands()).as("only the new rollout's").hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void aGatewayThatNeverReportsTimesOutAndARolledBackOneFinishesWithFailures() throws Exception {
        CloudAdapter adapter = harness.start(config("weir-cloud-deploy"));
        agent("gw-silent", Outcome.SILENT, false);
        agent("gw-broken", Outcome.ROLL_BACK, false);
        register(adapter, "io.weir.rules", "2.0.0");
        adapter.deployments().defineGroup("pilot", List.of("gw-silent", "gw-broken"));

        String rolloutId = adapter.deployments().startRollout(RolloutRequest.toGroup("io.weir.rules", "2.0.0",
                "pilot", 0).withTimeout(Duration.ofSeconds(1))).rolloutId();

        eventually().untilAsserted(() -> assertThat(adapter.deployments().rollout(rolloutId)).get()
                .extracting(RolloutStatus::state).isEqualTo(RolloutState.FINISHED_WITH_FAILURES));
        // a loaded machine may time the second one out between two of its reports; its final report still wins
        eventually().untilAsserted(() -> {
            List<JobStatus> jobs = adapter.deployments().rollout(rolloutId).orElseThrow().jobs();
            assertThat(jobs.get(0).state()).isEqualTo(JobState.TIMED_OUT);
            assertThat(jobs.get(0).detail()).startsWith("no report from the gateway since");
            assertThat(jobs.get(1).state()).isEqualTo(JobState.ROLLED_BACK);
            assertThat(jobs.get(1).detail()).contains("did not activate");
        });
    }

    @Test
    void duplicatedReportsSeenByTwoAdapterInstancesAreHandledOnce() throws Exception {
        // two instances, each with its own (not shared) subscription: both receive every report
        CloudAdapter first = harness.start(config("weir-cloud-a"));
        CloudAdapter second = harness.start(config("weir-cloud-b"));
        FakeDeployAgent gw1 = agent("gw-1", Outcome.SUCCEED, true);
        FakeDeployAgent gw2 = agent("gw-2", Outcome.SUCCEED, true);
        register(first, "io.weir.gateway", "1.1.0");
        register(second, "io.weir.gateway", "1.1.0");
        second.deployments().defineGroup("all", List.of("gw-1", "gw-2"));

        String rolloutId = first.deployments().startRollout(RolloutRequest.toGroup("io.weir.gateway", "1.1.0", "all",
                1)).rolloutId();

        eventually().untilAsserted(() -> assertThat(second.deployments().rollout(rolloutId)).get()
                .extracting(RolloutStatus::state).isEqualTo(RolloutState.SUCCEEDED));
        eventually().untilAsserted(() -> assertThat(first.deployments().events("gw-1", 100))
                .hasSize((int) gw1.messagesSent()));
        assertThat(gw1.commands()).as("one instance sent the command").hasSize(1);
        assertThat(gw2.commands()).hasSize(1);
        assertThat(first.deployments().events("gw-1", 100)).extracting(e -> e.type())
                .containsExactly("DEPLOY_SUCCEEDED", "DEPLOY_SUCCEEDED", "DEPLOY_INSTALLED", "DEPLOY_VERIFIED",
                        "DEPLOY_DOWNLOADED", "DEPLOY_DOWNLOADING", "DEPLOY_ACCEPTED");
        long duplicates = first.stats().duplicatesDropped() + second.stats().duplicatesDropped();
        assertThat(duplicates).as("each message came twice to each of two instances: 3 of 4 copies dropped")
                .isEqualTo(3 * (gw1.messagesSent() + gw2.messagesSent()));
        assertThat(first.deployments().jobs("gw-1")).singleElement()
                .satisfies(j -> assertThat(j.state()).isEqualTo(JobState.SUCCEEDED));
    }

    @Test
    void badRequestsAreRefusedWithTheirReason() throws Exception {
        CloudAdapter adapter = harness.start(config("weir-cloud-deploy"));
        Path signed = harness.signers.signed(dir, "io.weir.gateway", "1.1.0", "ops");
        assertThatThrownBy(() -> adapter.deployments().registerPackage(PackageRegistration.ofFile(signed,
                "http://insecure.example/x.dp")))
                .isInstanceOf(DeploymentRequestException.class).hasMessageContaining("not an https URL");
        register(adapter, "io.weir.gateway", "1.1.0");
        // the same name and version signed again: other bytes, so another SHA-256
        Path again = harness.signers.signed(dir.resolve("again"), "io.weir.gateway", "1.1.0", "ops");
        assertThat(harness.send("POST", adapter, "packages", "{\"file\":\"" + again + "\",\"url\":\"" + URL + "\"}", 409)
                .path("detail").asText()).contains("already registered");
        assertThat(harness.send("POST", adapter, "rollouts", "{\"name\":\"io.weir.gateway\",\"version\":\"9.9.9\","
                + "\"gateway\":\"gw-1\"}", 400).path("detail").asText()).contains("9.9.9 is not registered");
        assertThat(harness.send("POST", adapter, "rollouts", "{\"name\":\"io.weir.gateway\",\"version\":\"1.1.0\","
                + "\"group\":\"nowhere\"}", 400).path("detail").asText()).contains("group nowhere is not defined");
        assertThat(harness.send("POST", adapter, "packages", "{\"file\":\"" + dir.resolve("missing.dp") + "\",\"url\":\""
                + URL + "\"}", 400).path("detail").asText()).contains("does not exist");
    }

    private List<String> jobStates(CloudAdapter adapter, String rolloutId) {
        return adapter.deployments().rollout(rolloutId).orElseThrow().jobs().stream().map(j -> j.state().name())
                .toList();
    }

    /** Registers a package signed by the trusted operations key. */
    private void register(CloudAdapter adapter, String name, String version) throws Exception {
        adapter.deployments().registerPackage(PackageRegistration.ofFile(harness.signers.signed(
                dir.resolve(name + "-" + version), name, version, "ops"), URL));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
