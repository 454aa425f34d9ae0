package io.weir.cloud.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A gateway's deploy agent as the cloud sees it (DEPLOY-PROTOCOL): answers cmd/deploy-install on reply/{requestId}
 * and reports the job's steps as DEPLOY_* events on weir/v1/{gw}/event, each message with a new seq. What it does
 * with a job is its {@link Outcome}; {@link #holdFinalReport()} keeps the final event until the test releases it.
 * With {@code duplicate} every event message is published twice with the same seq, and the final report once more
 * in a message of its own, as a gateway resuming after a restart might.
 */
public final class FakeDeployAgent implements AutoCloseable {

    /** How a job ends. */
    public enum Outcome { SUCCEED, FAIL_SIGNATURE, ROLL_BACK, SILENT }

    private final String gatewayId;
    private final MqttClient client;
    private volatile Outcome outcome;
    private final boolean duplicate;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong seq = new AtomicLong(100);
    private final List<JsonNode> commands = new CopyOnWriteArrayList<>();
    private final List<JsonNode> uninstalls = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> jobsSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, String> installed = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private volatile CountDownLatch finalReport = new CountDownLatch(0);

    private FakeDeployAgent(String gatewayId, MqttClient client, Outcome outcome, boolean duplicate) {
        this.gatewayId = gatewayId;
        this.client = client;
        this.outcome = outcome;
        this.duplicate = duplicate;
    }

    public static FakeDeployAgent start(String brokerUrl, String gatewayId, Outcome outcome, boolean duplicate)
            throws MqttException {
        MqttClient client = new MqttClient(brokerUrl, "agent-" + gatewayId + "-" + System.nanoTime(),
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(1000);
        client.connect(options);
        FakeDeployAgent agent = new FakeDeployAgent(gatewayId, client, outcome, duplicate);
        client.subscribe("weir/v1/" + gatewayId + "/cmd/+", 1, (topic, message) -> {
            JsonNode command = agent.json.readTree(message.getPayload());
            boolean uninstall = topic.endsWith("/deploy-uninstall");
            (uninstall ? agent.uninstalls : agent.commands).add(command);
            // off Paho's callback thread: publishing from it would deadlock
            try {
                agent.worker.execute(() -> {
                    if (uninstall) {
                        agent.uninstall(command);
                    } else {
                        agent.handle(command);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // the test is over and the agent closing: a late command is dropped, as by a gateway going down
            }
        });
        return agent;
    }

    /** What the next jobs do (a gateway that failed can be fixed before a retry). */
    public FakeDeployAgent then(Outcome next) {
        this.outcome = next;
        return this;
    }

    /** Every cmd/deploy-uninstall received. */
    public List<JsonNode> uninstalls() {
        return List.copyOf(uninstalls);
    }

    /** The packages this agent has installed, by name. */
    public Map<String, String> installed() {
        return Map.copyOf(installed);
    }

    /** Publishes the retained birth with the deploy status part listing {@code packages} as installed. */
    public FakeDeployAgent birth(Map<String, String> packages) throws Exception {
        installed.clear();
        installed.putAll(packages);
        publishState();
        return this;
    }

    private void publishState() throws Exception {
        List<Map<String, Object>> list = new java.util.ArrayList<>();
        installed.forEach((n, v) -> list.add(ordered("name", n, "version", v)));
        Map<String, Object> state = ordered("v", 1, "gatewayId", gatewayId, "online", true,
                "ts", Instant.now().toString(), "runtime", ordered("weir", "0.1.0"),
                "site", ordered("stationCode", "62001200", "name", "Test station", "latitude", 30.0, "longitude", 120.0),
                "profiles", List.of(), "status", ordered("deploy", ordered("packages", list, "job", null,
                        "bundles", ordered("io.weir.sample", installed.getOrDefault("io.weir.gateway", "0.0.0")),
                        "siteSha256", SITE_SHA256)));
        client.publish("weir/v1/" + gatewayId + "/state", Schemas.requireValid("state", json.writeValueAsString(state))
                .getBytes(StandardCharsets.UTF_8), 1, true);
    }

    /** The site digest every fake agent reports. */
    public static final String SITE_SHA256 = "ab".repeat(32);

    private void uninstall(JsonNode command) {
        try {
            String requestId = command.path("requestId").asText();
            JsonNode args = command.path("args");
            String jobId = args.path("jobId").asText();
            String name = args.path("name").asText();
            Map<String, Object> reply = ordered("v", 1, "gatewayId", gatewayId, "requestId", requestId,
                    "command", "deploy-uninstall", "ts", Instant.now().toString(), "ok", true,
                    "result", ordered("accepted", true, "jobId", jobId));
            client.publish("weir/v1/" + gatewayId + "/reply/" + requestId, json.writeValueAsBytes(reply), 1, false);
            if (!jobsSeen.add(jobId)) {
                return;
            }
            Map<String, Object> job = ordered("jobId", jobId, "name", name, "version", installed.getOrDefault(name,
                    "0.0.0"));
            report("DEPLOY_ACCEPTED", job);
            installed.remove(name);
            report("DEPLOY_UNINSTALLED", job);
        } catch (Exception e) {
            throw new IllegalStateException(gatewayId + ": fake deploy agent failed", e);
        }
    }

    /** Keeps the final event back until {@link #releaseFinalReport()}. */
    public FakeDeployAgent holdFinalReport() {
        finalReport = new CountDownLatch(1);
        return this;
    }

    public void releaseFinalReport() {
        finalReport.countDown();
    }

    /** Every cmd/deploy-install received. */
    public List<JsonNode> commands() {
        return List.copyOf(commands);
    }

    private void handle(JsonNode command) {
        try {
            String requestId = command.path("requestId").asText();
            JsonNode args = command.path("args");
            String jobId = args.path("jobId").asText();
            Map<String, Object> reply = ordered("v", 1, "gatewayId", gatewayId, "requestId", requestId,
                    "command", "deploy-install", "ts", Instant.now().toString(), "ok", true,
                    "result", ordered("accepted", true, "jobId", jobId));
            client.publish("weir/v1/" + gatewayId + "/reply/" + requestId, json.writeValueAsBytes(reply), 1, false);
            Outcome outcome = this.outcome;
            if (outcome == Outcome.SILENT || !jobsSeen.add(jobId)) {
                return;
            }
            Map<String, Object> job = ordered("jobId", jobId, "name", args.path("name").asText(),
                    "version", args.path("version").asText());
            report("DEPLOY_ACCEPTED", job);
            report("DEPLOY_DOWNLOADING", with(job, "bytes", 5000, "totalBytes", 10000));
            report("DEPLOY_DOWNLOADED", with(job, "bytes", 10000));
            if (outcome == Outcome.FAIL_SIGNATURE) {
                finalReport.await(30, TimeUnit.SECONDS);
                report("DEPLOY_FAILED", with(job, "step", "SIGNATURE", "reason", "signer CN=rogue is not trusted"));
                return;
            }
            report("DEPLOY_VERIFIED", with(job, "signer", "CN=Weir Operations"));
            report("DEPLOY_INSTALLED", job);
            finalReport.await(30, TimeUnit.SECONDS);
            if (outcome == Outcome.SUCCEED) {
                installed.put(args.path("name").asText(), args.path("version").asText());
            }
            Map<String, Object> last = outcome == Outcome.SUCCEED ? with(job, "siteSha256", SITE_SHA256)
                    : with(job, "reason", "component io.weir.rules did not activate within 60 s");
            String type = outcome == Outcome.SUCCEED ? "DEPLOY_SUCCEEDED" : "DEPLOY_ROLLED_BACK";
            report(type, last);
            if (duplicate) {
                report(type, last);
            }
        } catch (Exception e) {
            throw new IllegalStateException(gatewayId + ": fake deploy agent failed", e);
        }
    }

    private void report(String type, Map<String, Object> details) throws Exception {
        Map<String, Object> event = ordered("type", type, "ts", Instant.now().toString(), "source", "deploy");
        event.putAll(details);
        String payload = Schemas.requireValid("event", json.writeValueAsString(ordered("v", 1,
                "gatewayId", gatewayId, "seq", seq.incrementAndGet(), "sentAt", Instant.now().toString(),
                "events", List.of(event))));
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        client.publish("weir/v1/" + gatewayId + "/event", bytes, 1, false);
        if (duplicate) {
            client.publish("weir/v1/" + gatewayId + "/event", bytes, 1, false);
        }
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>(base);
        map.putAll(ordered(keyValues));
        return map;
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Override
    public void close() throws Exception {
        finalReport.countDown();
        try {
            if (client.isConnected()) {
                client.disconnect(); // no more commands arrive ...
            }
        } finally {
            worker.shutdownNow(); // ... before the worker stops
            client.close(true);
        }
    }

    /** The distinct seqs this agent used (each message's), for counting what the cloud stored. */
    public long messagesSent() {
        return seq.get() - 100;
    }
}
