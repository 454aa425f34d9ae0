package io.weir.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.weir.cloud.deploy.GatewayInventory;
import io.weir.cloud.deploy.JobState;
import io.weir.cloud.deploy.JobStatus;
import io.weir.cloud.deploy.PackageRegistration;
import io.weir.cloud.deploy.RolloutState;
import io.weir.cloud.deploy.RolloutStatus;
import io.weir.cloud.testing.FakeDeployAgent;
import io.weir.cloud.testing.FakeDeployAgent.Outcome;
import io.weir.cloud.testing.TestDatabase;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Operators steering rollouts through the REST API, against the real broker and each database, with fake deploy
 * agents: waves held to a success threshold and a soak, pause and resume, cancel, retry, roll back a wave, delete a
 * package, drift and redeploy, and two adapter instances asked the same step at once.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class RolloutSteeringTest {
    private static final String URL = "https://packages.county.example/io.weir.gateway.dp";
    private static final String NAME = "io.weir.gateway";

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

    private CloudAdapter adapter(String clientId) {
        return harness.start(harness.deployConfig(clientId));
    }

    private FakeDeployAgent agent(String gatewayId, Outcome outcome) throws Exception {
        return harness.agent(gatewayId, outcome, false);
    }

    @Test
    void wavesWaitForTheThresholdAndTheSoakAndAPausedRolloutStartsNoWave() throws Exception {
        CloudAdapter adapter = adapter("weir-cloud-steer");
        FakeDeployAgent canary = agent("gw-1", Outcome.SUCCEED).holdFinalReport();
        FakeDeployAgent failing = agent("gw-2", Outcome.FAIL_SIGNATURE);
        FakeDeployAgent third = agent("gw-3", Outcome.SUCCEED);
        FakeDeployAgent last = agent("gw-4", Outcome.SUCCEED);
        register(adapter, "1.1.0");
        harness.send("PUT", adapter, "groups/north", "{\"gateways\":[\"gw-1\",\"gw-2\",\"gw-3\",\"gw-4\"]}", 200);

        JsonNode started = harness.send("POST", adapter, "rollouts", "{\"name\":\"" + NAME + "\",\"version\":\"1.1.0\","
                + "\"group\":\"north\",\"waves\":[1,\"50%\"],\"successThreshold\":50,\"soak\":\"PT1H\"}", 201);
        String id = started.path("rolloutId").asText();
        assertThat(started.path("waveCount").asInt()).isEqualTo(3);
        assertThat(started.path("jobs")).extracting(j -> j.path("wave").asInt()).containsExactly(1, 2, 2, 3);

        eventually().until(() -> state(adapter, id, "gw-1") == JobState.INSTALLED);
        assertThat(harness.send("POST", adapter, "rollouts/" + id + "/pause", "{}", 200).path("state").asText())
                .isEqualTo("PAUSED");
        canary.releaseFinalReport();
        eventually().until(() -> state(adapter, id, "gw-1") == JobState.SUCCEEDED);
        // paused before its first wave was over: it stays paused, the next wave held
        RolloutStatus paused = rollout(adapter, id);
        assertThat(paused.state()).isEqualTo(RolloutState.PAUSED);
        assertThat(paused.steeredBy()).isEqualTo("ops");
        assertThat(paused.jobs()).extracting(JobStatus::state).containsExactly(JobState.SUCCEEDED,
                JobState.WAITING, JobState.WAITING, JobState.WAITING);
        assertThat(harness.send("POST", adapter, "rollouts/" + id + "/pause", "{}", 409).path("detail").asText())
                .contains("is PAUSED");

        harness.send("POST", adapter, "rollouts/" + id + "/resume", "{}", 200);
        eventually().until(() -> rollout(adapter, id).state() == RolloutState.SOAKING);
        assertThat(rollout(adapter, id).nextWaveAt()).isAfter(java.time.Instant.now().plus(Duration.ofMinutes(50)));
        assertThat(failing.commands()).as("wave 2 soaks first").isEmpty();

        harness.send("POST", adapter, "rollouts/" + id + "/resume", "{}", 200); // enough soaking: next wave now
        // one of two failing is within the 50 % threshold: the last wave still comes, after its soak
        eventually().until(() -> rollout(adapter, id).state() == RolloutState.SOAKING
                && rollout(adapter, id).currentWave() == 2);
        assertThat(rollout(adapter, id).jobs()).extracting(JobStatus::state).containsExactly(JobState.SUCCEEDED,
                JobState.FAILED, JobState.SUCCEEDED, JobState.WAITING);
        assertThat(last.commands()).isEmpty();
        harness.send("POST", adapter, "rollouts/" + id + "/resume", "{}", 200);
        eventually().until(() -> rollout(adapter, id).state() == RolloutState.FINISHED_WITH_FAILURES);
        assertThat(List.of(canary, failing, third, last)).allSatisfy(a -> assertThat(a.commands()).hasSize(1));
    }

    @Test
    void aWaveBelowItsThresholdHaltsAndARetryOfTheFailedGatewayCarriesOn() throws Exception {
        CloudAdapter adapter = adapter("weir-cloud-steer");
        FakeDeployAgent canary = agent("gw-1", Outcome.ROLL_BACK);
        FakeDeployAgent rest = agent("gw-2", Outcome.SUCCEED);
        register(adapter, "1.1.0");
        adapter.deployments().defineGroup("pilot", List.of("gw-1", "gw-2"));
        String id = harness.send("POST", adapter, "rollouts", "{\"name\":\"" + NAME + "\",\"version\":\"1.1.0\","
                + "\"group\":\"pilot\",\"canaries\":1}", 201).path("rolloutId").asText();

        eventually().until(() -> rollout(adapter, id).state() == RolloutState.HALTED);
        assertThat(harness.send("POST", adapter, "rollouts/" + id + "/retry", "{\"gateways\":[\"gw-2\"]}", 400)
                .path("detail").asText()).contains("[gw-2]").contains("gw-1 ROLLED_BACK");
        canary.then(Outcome.SUCCEED); // the fix is in
        JsonNode retried = harness.send("POST", adapter, "rollouts/" + id + "/retry", "{}", 200);
        assertThat(retried.path("state").asText()).isEqualTo("CANARY");

        eventually().until(() -> rollout(adapter, id).state() == RolloutState.SUCCEEDED);
        RolloutStatus done = rollout(adapter, id);
        assertThat(done.jobs()).extracting(JobStatus::jobId, JobStatus::state, JobStatus::supersededBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(id + "-1", JobState.ROLLED_BACK, id + "-1.2"),
                        org.assertj.core.groups.Tuple.tuple(id + "-1.2", JobState.SUCCEEDED, null),
                        org.assertj.core.groups.Tuple.tuple(id + "-2", JobState.SUCCEEDED, null));
        assertThat(canary.commands()).extracting(c -> c.path("args").path("jobId").asText())
                .containsExactly(id + "-1", id + "-1.2");
        assertThat(rest.commands()).hasSize(1);
    }

    @Test
    void aCancelledRolloutNeverReachesTheGatewaysNotYetStartedAndStillFollowsTheOnesInstalling() throws Exception {
        CloudAdapter adapter = adapter("weir-cloud-steer");
        FakeDeployAgent canary = agent("gw-1", Outcome.SUCCEED).holdFinalReport();
        FakeDeployAgent held = agent("gw-2", Outcome.SUCCEED);
        register(adapter, "1.1.0");
        adapter.deployments().defineGroup("pilot", List.of("gw-1", "gw-2", "gw-3"));
        String id = harness.send("POST", adapter, "rollouts", "{\"name\":\"" + NAME + "\",\"version\":\"1.1.0\","
                + "\"group\":\"pilot\",\"waves\":[\"1\",\"100%\"]}", 201).path("rolloutId").asText();
        eventually().until(() -> state(adapter, id, "gw-1") == JobState.INSTALLED);

        JsonNode cancelled = harness.send("POST", adapter, "rollouts/" + id + "/cancel", "{}", 200);
        assertThat(cancelled.path("state").asText()).isEqualTo("CANCELLED");
        canary.releaseFinalReport();

        eventually().until(() -> state(adapter, id, "gw-1") == JobState.SUCCEEDED);
        assertThat(rollout(adapter, id).jobs()).extracting(JobStatus::state)
                .containsExactly(JobState.SUCCEEDED, JobState.CANCELLED, JobState.CANCELLED);
        assertThat(held.commands()).isEmpty();
        assertThat(harness.send("POST", adapter, "rollouts/" + id + "/resume", "{}", 409).path("detail").asText())
                .contains("is CANCELLED");
        assertThat(harness.send("POST", adapter, "rollouts/" + id + "/cancel", "{}", 409).path("detail").asText())
                .contains("over already");
        harness.send("POST", adapter, "rollouts/ro-nowhere/pause", "{}", 404);
    }

    @Test
    void rollingBackAWavePutsBackWhatEachGatewayHadAndAPackageNoRolloutNamesCanBeDeleted() throws Exception {
        CloudAdapter adapter = adapter("weir-cloud-steer");
        FakeDeployAgent upgraded = agent("gw-1", Outcome.SUCCEED).birth(Map.of(NAME, "1.0.0"));
        FakeDeployAgent fresh = agent("gw-2", Outcome.SUCCEED).birth(Map.of());
        eventually().until(() -> adapter.inventory().inventory("gw-1").isPresent()
                && adapter.inventory().inventory("gw-2").isPresent());
        register(adapter, "1.0.0");
        register(adapter, "1.1.0");
        adapter.deployments().defineGroup("pilot", List.of("gw-1", "gw-2"));
        String id = harness.send("POST", adapter, "rollouts", "{\"name\":\"" + NAME + "\",\"version\":\"1.1.0\","
                + "\"group\":\"pilot\"}", 201).path("rolloutId").asText();
        eventually().until(() -> rollout(adapter, id).state() == RolloutState.SUCCEEDED);
        assertThat(rollout(adapter, id).jobs()).extracting(JobStatus::previousVersion).containsExactly("1.0.0", "");

        JsonNode back = harness.send("POST", adapter, "rollouts/" + id + "/rollback", "{\"wave\":1}", 201);
        String rollbackId = back.path("rolloutId").asText();
        assertThat(back.path("target").asText()).isEqualTo("rollback:" + id + "/wave-1");
        assertThat(back.path("jobs")).extracting(j -> j.path("action").asText() + " " + j.path("version").asText())
                .containsExactly("INSTALL 1.0.0", "UNINSTALL none");
        eventually().until(() -> rollout(adapter, rollbackId).state() == RolloutState.SUCCEEDED);
        assertThat(upgraded.installed()).containsEntry(NAME, "1.0.0");
        assertThat(fresh.uninstalls()).hasSize(1);
        assertThat(fresh.installed()).doesNotContainKey(NAME);
        eventually().untilAsserted(() -> assertThat(adapter.inventory().inventory("gw-2").orElseThrow().packages())
                .doesNotContainKey(NAME));
        assertThat(adapter.inventory().inventory("gw-1").orElseThrow().inSync()).isTrue();

        assertThat(harness.send("DELETE", adapter, "packages/" + NAME + "/1.1.0", null, 409).path("detail").asText())
                .contains(id);
        register(adapter, "1.2.0");
        harness.send("DELETE", adapter, "packages/" + NAME + "/1.2.0", null, 200);
        harness.send("DELETE", adapter, "packages/" + NAME + "/1.2.0", null, 404);
        // a (name, version) registered by mistake can be registered again, with other contents
        Path again = harness.signers.signed(dir.resolve("again"), NAME, "1.2.0", "ops");
        harness.send("POST", adapter, "packages", "{\"file\":\"" + again + "\",\"url\":\"" + URL + "\"}", 201);
    }

    @Test
    void driftFromTheLastDeploymentIsFlaggedAndARedeployRepairsIt() throws Exception {
        CloudAdapter adapter = adapter("weir-cloud-steer");
        FakeDeployAgent gateway = agent("gw-3", Outcome.SUCCEED).birth(Map.of());
        eventually().until(() -> adapter.inventory().inventory("gw-3").isPresent());
        register(adapter, "1.1.0");
        JsonNode group = harness.send("PUT", adapter, "groups/east", "{\"gateways\":[\"gw-3\",\"gw-typo\"]}", 200);
        assertThat(group.path("warnings").get(0).asText()).startsWith("gw-typo is not registered and was never seen");
        String id = adapter.deployments().startRollout(io.weir.cloud.deploy.RolloutRequest.toGateway(NAME, "1.1.0",
                "gw-3")).rolloutId();
        eventually().until(() -> rollout(adapter, id).state() == RolloutState.SUCCEEDED);
        eventually().until(() -> adapter.inventory().inventory("gw-3").orElseThrow().inSync());
        harness.send("POST", adapter, "gateways/gw-3/redeploy", "{}", 409);

        gateway.birth(Map.of()); // the package uninstalled on site
        eventually().untilAsserted(() -> assertThat(adapter.inventory().inventory("gw-3").orElseThrow().drift())
                .extracting(GatewayInventory.Drift::kind).containsExactly(GatewayInventory.Drift.Kind.PACKAGE_MISSING));
        JsonNode viaRest = harness.send("GET", adapter, "gateways/gw-3/inventory", null, 200);
        assertThat(viaRest.path("inSync").asBoolean()).isFalse();
        assertThat(viaRest.path("drift").get(0).path("detail").asText())
                .isEqualTo(NAME + " 1.1.0 was deployed by " + id + " and is no longer installed");
        assertThat(viaRest.path("configDigest").asText()).isEqualTo(FakeDeployAgent.SITE_SHA256);
        String page = http.send(AdapterHarness.opsRequest(adapter, "/").build(), HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(page).contains("Drift from the last deployments").contains("PACKAGE_MISSING: " + NAME
                + " 1.1.0 was deployed by " + id).contains("weir-ops gateway redeploy gw-3");

        String redeployed = harness.send("POST", adapter, "gateways/gw-3/redeploy", "{}", 201).path("rollouts").get(0)
                .path("rolloutId").asText();
        eventually().until(() -> rollout(adapter, redeployed).state() == RolloutState.SUCCEEDED);
        eventually().until(() -> adapter.inventory().inventory("gw-3").orElseThrow().inSync());
        assertThat(harness.send("GET", adapter, "inventory", null, 200).path("items")).extracting(i -> i.path("gatewayId")
                .asText()).contains("gw-3");
    }

    @Test
    void aPausedRolloutIsStillPausedAfterARestartAndGoesOnWhenResumed() throws Exception {
        CloudAdapter before = adapter("weir-cloud-steer");
        FakeDeployAgent canary = agent("gw-1", Outcome.SUCCEED).holdFinalReport();
        FakeDeployAgent rest = agent("gw-2", Outcome.SUCCEED);
        register(before, "1.1.0");
        before.deployments().defineGroup("pilot", List.of("gw-1", "gw-2"));
        String id = harness.send("POST", before, "rollouts", "{\"name\":\"" + NAME + "\",\"version\":\"1.1.0\","
                + "\"group\":\"pilot\",\"canaries\":1}", 201).path("rolloutId").asText();
        eventually().until(() -> state(before, id, "gw-1") == JobState.INSTALLED);
        harness.send("POST", before, "rollouts/" + id + "/pause", "{}", 200);
        before.close();

        canary.releaseFinalReport(); // reported while no adapter runs: the broker keeps it for the next one
        CloudAdapter after = adapter("weir-cloud-steer");
        eventually().until(() -> state(after, id, "gw-1") == JobState.SUCCEEDED);
        RolloutStatus paused = rollout(after, id);
        assertThat(paused.state()).isEqualTo(RolloutState.PAUSED);
        assertThat(paused.steeredBy()).isEqualTo("ops");
        assertThat(rest.commands()).isEmpty();
        harness.send("POST", after, "rollouts/" + id + "/resume", "{}", 200);
        eventually().until(() -> rollout(after, id).state() == RolloutState.SUCCEEDED);
        assertThat(rest.commands()).hasSize(1);
    }

    @Test
    void twoInstancesAskedTheSameStepAtOnceTakeItOnce() throws Exception {
        CloudAdapter first = adapter("weir-cloud-a");
        CloudAdapter second = adapter("weir-cloud-b");
        FakeDeployAgent canary = agent("gw-1", Outcome.SUCCEED).holdFinalReport();
        List<FakeDeployAgent> rest = List.of(agent("gw-2", Outcome.SUCCEED), agent("gw-3", Outcome.SUCCEED));
        register(first, "1.1.0");
        first.deployments().defineGroup("all", List.of("gw-1", "gw-2", "gw-3"));
        String id = harness.send("POST", first, "rollouts", "{\"name\":\"" + NAME + "\",\"version\":\"1.1.0\","
                + "\"group\":\"all\",\"canaries\":1}", 201).path("rolloutId").asText();
        eventually().until(() -> state(second, id, "gw-1") == JobState.INSTALLED);

        assertThat(together(() -> status("POST", first, "rollouts/" + id + "/pause"),
                () -> status("POST", second, "rollouts/" + id + "/pause"))).containsExactlyInAnyOrder(200, 409);
        canary.releaseFinalReport();
        eventually().until(() -> state(first, id, "gw-1") == JobState.SUCCEEDED);
        assertThat(together(() -> status("POST", first, "rollouts/" + id + "/resume"),
                () -> status("POST", second, "rollouts/" + id + "/resume"))).containsExactlyInAnyOrder(200, 409);

        eventually().until(() -> rollout(second, id).state() == RolloutState.SUCCEEDED);
        assertThat(canary.commands()).hasSize(1);
        assertThat(rest).allSatisfy(a -> assertThat(a.commands()).as("one instance sent it").hasSize(1));
    }

    /** Runs both at the same moment; their answers. */
    private static List<Integer> together(Callable<Integer> a, Callable<Integer> b) throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<Integer> fa = two.submit(() -> {
                go.await();
                return a.call();
            });
            Future<Integer> fb = two.submit(() -> {
                go.await();
                return b.call();
            });
            go.countDown();
            return List.of(fa.get(), fb.get());
        } finally {
            two.shutdownNow();
        }
    }

    private static RolloutStatus rollout(CloudAdapter adapter, String id) {
        return adapter.deployments().rollout(id).orElseThrow();
    }

    private static JobState state(CloudAdapter adapter, String rolloutId, String gatewayId) {
        return rollout(adapter, rolloutId).activeJobs().stream().filter(j -> j.gatewayId().equals(gatewayId))
                .findFirst().orElseThrow().state();
    }

    private int status(String method, CloudAdapter adapter, String path) throws Exception {
        HttpRequest.Builder request = AdapterHarness.opsRequest(adapter, "/api/v1/ops/deploy/" + path);
        request.method(method, HttpRequest.BodyPublishers.ofString("{}"));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private void register(CloudAdapter adapter, String version) throws Exception {
        adapter.deployments().registerPackage(PackageRegistration.ofFile(harness.signers.signed(
                dir.resolve(version), NAME, version, "ops"), URL));
    }
}
