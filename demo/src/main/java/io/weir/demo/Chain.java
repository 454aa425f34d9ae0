package io.weir.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import io.weir.cloud.CloudAdapter;
import io.weir.cloud.CloudAdapterConfig;
import io.weir.simulator.broker.EmbeddedBroker;
import io.weir.simulator.county.CountyPlatformSimulator;
import io.weir.simulator.field.FieldDeviceServer;
import io.weir.simulator.scenario.Scenario;
import io.weir.simulator.scenario.ScenarioPlayer;

/**
 * The whole chain on one machine: field devices -> gateway process -> broker -> cloud adapter -> county platform.
 * Everything but the gateway runs in this JVM; the gateway runs from its exported jar, as in the field.
 */
public final class Chain implements AutoCloseable {

    public static final String GATEWAY_ID = "gw-yuxi-01";
    public static final String APP_KEY = "weir-demo";

    /**
     * @param workDir      where the gateway's site file, store and log and the cloud database go
     * @param host         loopback address everything binds to
     * @param brokerPort   0 for any free port
     * @param countyPort   0 for any free port
     * @param modbusPort   0 for any free port
     * @param consolePort  the gateway's console; 0 for any free port
     * @param gatewayJar   the exported runtime
     * @param profilesDir  device profiles
     * @param pollInterval the gateway's poll interval, e.g. {@code 1s}
     * @param scenario     replayed onto the field devices, or null to set values by hand
     * @param speed        scenario replay speed
     */
    public record Options(Path workDir, String host, int brokerPort, int countyPort, int modbusPort, int consolePort,
                          Path gatewayJar, Path profilesDir, String pollInterval, Scenario scenario, double speed) {
    }

    private final Options options;
    private final String appSecret;
    private EmbeddedBroker broker;
    private CountyPlatformSimulator county;
    private FieldDeviceServer field;
    private CloudAdapter cloud;
    private ScheduledExecutorService scenarioClock;
    private ScenarioPlayer player;
    private GatewayProcess gateway;
    private GatewayProcess.Layout layout;
    private String consoleToken;

    private Chain(Options options) {
        this.options = options;
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        this.appSecret = HexFormat.of().formatHex(secret);
    }

    /** Starts everything but the gateway; {@link #startGateway} starts it. */
    public static Chain startCloudAndField(Options options) throws IOException {
        var chain = new Chain(options);
        try {
            chain.startInfrastructure();
            return chain;
        } catch (IOException | RuntimeException e) {
            chain.close();
            throw e;
        }
    }

    private void startInfrastructure() throws IOException {
        Path work = options.workDir().toAbsolutePath();
        Files.createDirectories(work);
        broker = EmbeddedBroker.start(options.host(), options.brokerPort());
        county = CountyPlatformSimulator.start(options.host(), options.countyPort(), APP_KEY, appSecret);
        field = FieldDeviceServer.start(options.host(), options.modbusPort());
        cloud = CloudAdapter.start(CloudAdapterConfig.of(broker.url(), "weir-cloud-adapter",
                "jdbc:sqlite:" + work.resolve("cloud.db"), county.baseUri(), APP_KEY, appSecret));
        layout = new GatewayProcess.Layout(options.gatewayJar(), work.resolve("gateway/conf/site.yaml"),
                options.profilesDir(), work.resolve("gateway/data"), work.resolve("gateway/gateway.log"));
        Files.createDirectories(layout.siteFile().getParent());
        Files.writeString(layout.siteFile(), SiteFile.riverStation(GATEWAY_ID, options.host(), field.port(),
                broker.url(), options.pollInterval(), options.consolePort()));
        consoleToken = ConsoleToken.create(layout.siteFile());
        if (options.scenario() != null) {
            scenarioClock = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "scenario-replay");
                t.setDaemon(true);
                return t;
            });
            player = new ScenarioPlayer(options.scenario(), field, scenarioClock, options.speed());
        }
    }

    /**
     * Has the county platform report case status to the cloud adapter's webhook, which sends each one to the
     * gateway as an alarm acknowledgement (releasing a latched siren).
     */
    public void reportCaseStatus() {
        county.registerWebhook(cloud.webhookUri());
    }

    /** Starts (or restarts) the gateway process; starts the scenario with its first start. */
    public GatewayProcess startGateway(Consumer<String> output) throws IOException {
        gateway = GatewayProcess.start(layout, output);
        if (player != null && player.rowsPlayed() == 0) {
            player.start();
        }
        return gateway;
    }

    /** The token the gateway's console asks for ({@code Authorization: Bearer <token>}). */
    public String consoleToken() {
        return consoleToken;
    }

    public EmbeddedBroker broker() {
        return broker;
    }

    public CountyPlatformSimulator county() {
        return county;
    }

    public FieldDeviceServer field() {
        return field;
    }

    public CloudAdapter cloud() {
        return cloud;
    }

    public ScenarioPlayer player() {
        return player;
    }

    public GatewayProcess gateway() {
        return gateway;
    }

    public GatewayProcess.Layout layout() {
        return layout;
    }

    public Path cloudDatabase() {
        return options.workDir().toAbsolutePath().resolve("cloud.db");
    }

    public URI countyPage() {
        return county.baseUri();
    }

    /** Stops the gateway first (its clean death still reaches the broker), then the rest in reverse order. */
    @Override
    public void close() {
        if (gateway != null) {
            try {
                gateway.stop(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(player);
        if (scenarioClock != null) {
            scenarioClock.shutdownNow();
        }
        closeQuietly(cloud);
        closeQuietly(field);
        closeQuietly(county);
        closeQuietly(broker);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("while stopping " + c.getClass().getSimpleName() + ": " + e);
        }
    }
}
