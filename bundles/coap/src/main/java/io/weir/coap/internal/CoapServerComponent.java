package io.weir.coap.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.GatewayEventListener;
import io.weir.api.ReadingListener;
import io.weir.api.time.TimeTrust;
import io.weir.api.command.StatusProvider;

/**
 * The CoAP/DTLS server, running while its configuration exists (the site file has a {@code coap} section). Hands
 * every accepted report to every {@link ReadingListener}, flags silent devices, and shows its counters under
 * {@code coap} in the gateway's state. Tilt baselines live in {@code <weir.data.dir>/coap/baselines/}.
 */
@Component(configurationPid = CoapServerComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = StatusProvider.class, property = StatusProvider.NAME + "=coap")
@Designate(ocd = CoapServerConfig.class)
public final class CoapServerComponent implements StatusProvider {

    static final String PID = "io.weir.coap.server";

    private final ServerOptions options;
    private final DeviceRegistry registry;
    private final Counters counters = new Counters();
    private final Whiteboard whiteboard = new Whiteboard();
    private final SilenceWatch silence;
    private final CaliforniumServer server;
    private final ScheduledExecutorService scheduler;
    private final ObjectMapper json = new ObjectMapper();

    @Activate
    public CoapServerComponent(CoapServerConfig config, BundleContext context,
                               @Reference(name = "registry") DeviceRegistryComponent registry) throws IOException {
        this(ServerOptions.from(config), registry.registry(), dataDir(context.getProperty("weir.data.dir")),
                Clock.systemUTC(), Executors.newSingleThreadScheduledExecutor(r -> {
                    var t = new Thread(r, "weir-coap-silence");
                    t.setDaemon(true);
                    return t;
                }));
    }

    /** For tests: the clock, the data directory and the silence-check thread are the caller's. */
    CoapServerComponent(ServerOptions options, DeviceRegistry registry, Path dataDir, Clock clock,
                        ScheduledExecutorService scheduler) throws IOException {
        this.options = options;
        this.registry = registry;
        this.scheduler = scheduler;
        var baselines = new TiltBaselines(dataDir.resolve("coap").resolve("baselines"));
        var handler = new ReportHandler(registry, whiteboard, baselines,
                new RateLimiter(clock, options.requestsPerMinute()), counters, clock, options.maxPayloadBytes());
        this.silence = new SilenceWatch(registry, whiteboard, counters, clock, options.staleAfterIntervals());
        this.server = new CaliforniumServer(options, registry, handler, counters, clock);
    }

    static Path dataDir(String property) {
        return Path.of(property == null || property.isBlank() ? "data" : property);
    }

    /** Starts once the listeners present at activation are bound, so the first report reaches the store. */
    @Activate
    void start() {
        server.start();
        long period = options.staleCheck().toMillis();
        scheduler.scheduleWithFixedDelay(silence::check, period, period, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void stop() {
        scheduler.shutdownNow();
        server.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeReadingListener")
    void addReadingListener(ReadingListener listener) {
        whiteboard.add(listener);
    }

    void removeReadingListener(ReadingListener listener) {
        whiteboard.remove(listener);
    }

    /** Readings taken while the clock is not synchronised go out UNCERTAIN / CLOCK_UNSYNCED. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetTimeTrust")
    void setTimeTrust(TimeTrust trust) {
        whiteboard.trust(trust);
    }

    void unsetTimeTrust(TimeTrust trust) {
        whiteboard.distrust(trust);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeEventListener")
    void addEventListener(GatewayEventListener listener) {
        whiteboard.add(listener);
    }

    void removeEventListener(GatewayEventListener listener) {
        whiteboard.remove(listener);
    }

    /** For tests and the benchmark: where the DTLS endpoint listens. */
    java.net.InetSocketAddress secureAddress() {
        return server.secureAddress();
    }

    java.net.InetSocketAddress plainAddress() {
        return server.plainAddress();
    }

    SilenceWatch silence() {
        return silence;
    }

    Counters counters() {
        return counters;
    }

    @Override
    public String statusJson() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("port", server.secureAddress().getPort());
        status.put("labPlainPort", options.labPlainPort());
        status.put("devices", registry.size());
        status.put("silent", registry.devices().stream()
                .filter(d -> registry.state(d.deviceId()).map(DeviceState::silent).orElse(false))
                .map(CoapDevice::deviceId).sorted().toList());
        status.put("counters", counters.snapshot());
        try {
            return json.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status of strings and numbers always serialises", e);
        }
    }
}
