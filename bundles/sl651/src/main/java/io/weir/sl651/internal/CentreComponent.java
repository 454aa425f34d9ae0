package io.weir.sl651.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.ReadingListener;
import io.weir.api.command.StatusProvider;

/**
 * The SL 651 centre, running while its configuration exists (the site file has an {@code sl651} section): hands
 * every accepted report to every {@link ReadingListener}, and shows its counters under {@code sl651} in the
 * gateway's state. The record of 5-minute rain intervals already handed on lives in
 * {@code <weir.data.dir>/sl651/rain-intervals/}.
 */
@Component(configurationPid = CentreComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = StatusProvider.class, property = StatusProvider.NAME + "=sl651")
@Designate(ocd = CentreConfig.class)
public final class CentreComponent implements StatusProvider {

    static final String PID = "io.weir.sl651.centre";

    private final CentreOptions options;
    private final StationRegistry registry;
    private final Counters counters = new Counters();
    private final Whiteboard whiteboard = new Whiteboard();
    private final ExecutorService workers;
    private final CentreServer server;
    private final ObjectMapper json = new ObjectMapper();

    @Activate
    public CentreComponent(CentreConfig config, BundleContext context,
                           @Reference(name = "registry") StationRegistryComponent registry) throws IOException {
        this(CentreOptions.from(config), registry.registry(), dataDir(context.getProperty("weir.data.dir")),
                Clock.systemUTC());
    }

    /** For tests and the benchmark: the clock and the data directory are the caller's. */
    CentreComponent(CentreOptions options, StationRegistry registry, Path dataDir, Clock clock) throws IOException {
        this.options = options;
        this.registry = registry;
        var threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(options.workers(), r -> {
            var t = new Thread(r, "weir-sl651-worker-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        var ledger = new IntervalLedger(dataDir.resolve("sl651").resolve("rain-intervals"));
        var handler = new MessageHandler(options.siteStationCode(), options.zone(), options.ackEnd(), registry, ledger,
                whiteboard, counters, clock);
        this.server = new CentreServer(options, handler, counters, workers);
    }

    static Path dataDir(String property) {
        return Path.of(property == null || property.isBlank() ? "data" : property);
    }

    /** Listens once the listeners present at activation are bound, so the first report reaches the store. */
    @Activate
    void start() {
        server.start();
    }

    @Deactivate
    void stop() {
        server.close();
        // a frame being handled finishes storing (an interrupt would abort its fsync); its station resends
        // whatever it did not see acknowledged
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeReadingListener")
    void addReadingListener(ReadingListener listener) {
        whiteboard.add(listener);
    }

    void removeReadingListener(ReadingListener listener) {
        whiteboard.remove(listener);
    }

    int tcpPort() {
        return server.tcpPort();
    }

    int udpPort() {
        return server.udpPort();
    }

    Counters counters() {
        return counters;
    }

    int openConnections() {
        return server.openConnections();
    }

    @Override
    public String statusJson() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("port", server.tcpPort());
        status.put("udpPort", server.udpPort());
        status.put("stations", registry.size());
        status.put("connections", server.openConnections());
        status.put("counters", counters.snapshot());
        try {
            return json.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status of strings and numbers always serialises", e);
        }
    }
}
