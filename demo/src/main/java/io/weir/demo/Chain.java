package io.weir.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.weir.cloud.CloudAdapter;
import io.weir.cloud.CloudAdapterConfig;
import io.weir.cloud.OpsAccess;
import io.weir.cloud.SecurityOptions;
import io.weir.simulator.broker.EmbeddedBroker;
import io.weir.simulator.county.CountyPlatformSimulator;
import io.weir.simulator.field.FieldDeviceServer;
import io.weir.simulator.meters.Cjt188Meter;
import io.weir.simulator.meters.Dlt645Meter;
import io.weir.simulator.meters.MeterLine;
import io.weir.simulator.meters.MeterLineServer;
import io.weir.simulator.scenario.Scenario;
import io.weir.simulator.scenario.ScenarioPlayer;
import io.weir.simulator.sl651.RainStationReplay;
import io.weir.simulator.sl651.RtuFrames;
import io.weir.simulator.sl651.SimulatedRtu;

/**
 * The whole chain on one machine: field devices -> gateway process -> broker -> cloud adapter -> county platform.
 * Everything but the gateway runs in this JVM; the gateway runs from its exported jar, as in the field.
 */
public final class Chain implements AutoCloseable {

    public static final String GATEWAY_ID = "gw-yuxi-01";
    public static final String APP_KEY = "weir-demo";
    /** The gateway says where its SL 651 centre listens; the rain stations connect there. */
    private static final Pattern SL651_LISTENING = Pattern.compile("sl651 centre listening on TCP (\\d+)");
    /** How much of the storm's rain each rain station gets. */
    private static final double[] RAIN_FACTORS = {1.0, 0.8};

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
    private final String opsToken;
    private EmbeddedBroker broker;
    private CountyPlatformSimulator county;
    private FieldDeviceServer field;
    private MeterLineServer meters;
    private CloudAdapter cloud;
    private ScheduledExecutorService scenarioClock;
    private ScenarioPlayer player;
    private GatewayProcess gateway;
    private GatewayProcess.Layout layout;
    private final CompletableFuture<Integer> sl651Port = new CompletableFuture<>();
    private RainStationReplay rain;
    private ScheduledExecutorService rainClock;
    private String consoleToken;

    private Chain(Options options) {
        this.options = options;
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        this.appSecret = HexFormat.of().formatHex(secret);
        // the demo's operations token, made for this run: none is built into the adapter
        byte[] token = new byte[24];
        new SecureRandom().nextBytes(token);
        this.opsToken = HexFormat.of().formatHex(token);
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
        meters = MeterLineServer.start(options.host(), 0, new MeterLine(0)
                .add(new Dlt645Meter(SiteFile.PUMP_METER).set(0x00010000, 15230.75, 4, 2, false)
                        .set(0x02010100, 229.8, 2, 1, false).set(0x02020100, 12.5, 3, 3, true)
                        .set(0x02030000, 2.865, 3, 4, true).set(0x02800002, 50.0, 2, 2, false))
                .add(new Cjt188Meter(0x10, SiteFile.WATER_METER).set(8412.36, 8000.0, false, false)));
        // the demo's gateway is registered; a message from any other gateway id would be quarantined
        cloud = CloudAdapter.start(CloudAdapterConfig.of(broker.url(), "weir-cloud-adapter",
                "jdbc:sqlite:" + work.resolve("cloud.db"), county.baseUri(), APP_KEY, appSecret)
                .withSecurity(SecurityOptions.defaults().withOps(OpsAccess.token(opsToken))
                        .withGateways(Set.of(GATEWAY_ID))));
        layout = new GatewayProcess.Layout(options.gatewayJar(), work.resolve("gateway/conf/site.yaml"),
                options.profilesDir(), work.resolve("gateway/data"), work.resolve("gateway/gateway.log"));
        Files.createDirectories(layout.siteFile().getParent());
        Files.writeString(layout.siteFile(), SiteFile.riverStation(GATEWAY_ID, options.host(), field.port(),
                broker.url(), options.pollInterval(), meters.port(), options.consolePort()));
        consoleToken = ConsoleToken.create(layout.siteFile());
        SiteFile.writeRainStationPasswords(layout.siteFile());
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

    /**
     * Starts (or restarts) the gateway process; starts the scenario with its first start.
     *
     * @param jvmArgs added to the flags of the gateway's {@code jvm.options}, e.g. {@code -Dweir.console.port=0}
     */
    public GatewayProcess startGateway(Consumer<String> output, String... jvmArgs) throws IOException {
        gateway = GatewayProcess.start(layout, line -> {
            Matcher m = SL651_LISTENING.matcher(line);
            if (m.find()) {
                sl651Port.complete(Integer.parseInt(m.group(1)));
            }
            if (output != null) {
                output.accept(line);
            }
        }, jvmArgs);
        if (player != null && player.rowsPlayed() == 0) {
            player.start();
            sl651Port.thenAcceptAsync(this::startRainStations);
        }
        return gateway;
    }

    /** The port the gateway's SL 651 centre took, once it has said so. */
    public int sl651Port(Duration wait) throws Exception {
        return sl651Port.get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private synchronized void startRainStations(int port) {
        if (rain != null || options.scenario() == null) {
            return;
        }
        var stations = new ArrayList<SimulatedRtu>();
        try {
            for (int i = 0; i < SiteFile.RAIN_STATIONS.length; i++) {
                stations.add(new SimulatedRtu(options.host(), port, SiteFile.RAIN_STATIONS[i],
                        Integer.parseInt(SiteFile.PASSWORDS[i], 16), 1, RtuFrames.Encoding.HEX));
            }
        } catch (IOException e) {
            throw new CompletionException("the rain stations cannot reach the gateway's SL 651 centre", e);
        }
        // their own thread: a report waits for the centre's acknowledgement, which must not hold up the river
        rainClock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rain-stations");
            t.setDaemon(true);
            return t;
        });
        rain = new RainStationReplay(options.scenario(), stations, RAIN_FACTORS, rainClock, options.speed(),
                java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Shanghai")));
        rain.start();
    }

    /** The SL 651 rain stations' replay, once they have connected. */
    public synchronized RainStationReplay rainStations() {
        return rain;
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

    /** The cloud adapter's operations token for this run: {@code Authorization: Bearer <token>}, or Basic as ops. */
    public String opsToken() {
        return opsToken;
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
        synchronized (this) {
            closeQuietly(rain);
            if (rainClock != null) {
                rainClock.shutdownNow();
            }
        }
        if (scenarioClock != null) {
            scenarioClock.shutdownNow();
        }
        closeQuietly(cloud);
        closeQuietly(field);
        closeQuietly(meters);
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
