package io.weir.clock.internal;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.GatewayEvent;
import io.weir.api.GatewayEventListener;
import io.weir.api.command.StatusProvider;
import io.weir.api.time.ClockStatus;
import io.weir.api.time.TimeTrust;

/**
 * The gateway's {@link TimeTrust}: asks the configured sources every {@code probeSeconds}, watches for clock steps
 * every second, publishes changes as gateway events and shows the state as the {@code clock} status part.
 */
@Component(configurationPid = ClockComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {TimeTrust.class, StatusProvider.class}, property = StatusProvider.NAME + "=clock")
@Designate(ocd = ClockConfig.class)
public final class ClockComponent implements TimeTrust, StatusProvider {

    static final String PID = "io.weir.clock";
    private static final Logger LOG = LoggerFactory.getLogger(ClockComponent.class);

    private final List<GatewayEventListener> listeners = new CopyOnWriteArrayList<>();
    private final ClockOptions options;
    private final ClockWatch watch;
    private final ClockStatusJson json = new ClockStatusJson();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "weir-clock");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public ClockComponent(ClockConfig config) {
        this.options = ClockOptions.of(config);
        this.watch = new ClockWatch(options.probes(CommandRunner.PROCESSES), options, Clock.systemUTC(),
                System::nanoTime, this::publish);
    }

    /** Once the listeners present at activation are bound: the first answer, then the schedule. */
    @Activate
    void start() {
        watch.probe();
        watch.tick();
        scheduler.scheduleWithFixedDelay(() -> safely(watch::tick), 1, 1, TimeUnit.SECONDS);
        long probe = options.probeEvery().toMillis();
        scheduler.scheduleWithFixedDelay(() -> safely(watch::probe), probe, probe, TimeUnit.MILLISECONDS);
        LOG.info("clock: sources {}, asked every {} s; steps of {} ms or more are reported", watch.sources(),
                options.probeEvery().toSeconds(), options.stepThreshold().toMillis());
    }

    private static void safely(Runnable check) {
        try {
            check.run();
        } catch (RuntimeException e) {
            LOG.error("clock check failed", e); // an escaped exception would cancel the schedule
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeEventListener")
    void addEventListener(GatewayEventListener listener) {
        listeners.add(listener);
    }

    void removeEventListener(GatewayEventListener listener) {
        listeners.remove(listener);
    }

    private void publish(GatewayEvent event) {
        for (GatewayEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("event {} not taken by {}: {}", event.type(), listener.getClass().getName(), e.toString());
            }
        }
    }

    @Override
    public boolean synchronised() {
        return watch.synchronised();
    }

    @Override
    public ClockStatus status() {
        return watch.status();
    }

    @Override
    public String statusJson() {
        return json.write(watch.status(), watch.sources());
    }

    @Deactivate
    void stop() {
        scheduler.shutdownNow();
    }
}
