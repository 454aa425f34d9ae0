package io.weir.modbus.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
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

import io.weir.api.ReadingListener;

/**
 * One configured Modbus TCP device: polls it on its own thread and hands every batch of readings to every
 * {@link ReadingListener} service.
 */
@Component(configurationPid = ModbusDevice.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = ModbusDeviceConfig.class, factory = true)
public final class ModbusDevice {

    static final String PID = "io.weir.modbus.device";

    // A dead device is retried after 1 s, 2 s, 4 s ... and then once a minute: quick to notice a device that is
    // back, without flooding a field network with connection attempts.
    private static final Duration BACKOFF_INITIAL = Duration.ofSeconds(1);
    private static final Duration BACKOFF_MAX = Duration.ofMinutes(1);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(ModbusDevice.class);

    private final DeviceOptions options;
    private final Poller poller;
    private final ModbusTransport transport; // null when the profile is unusable
    private final ScheduledExecutorService executor;
    private final ReadingListeners listeners = new ReadingListeners();
    private final CommState commState = new CommState();

    @Activate
    public ModbusDevice(ModbusDeviceConfig config) {
        this(DeviceOptions.from(config), Clock.systemUTC(),
                Executors.newSingleThreadScheduledExecutor(daemonThread("weir-modbus-" + config.deviceId())));
    }

    private ModbusDevice(DeviceOptions options, Clock clock, ScheduledExecutorService executor) {
        this(options, clock, tcp(clock), executor);
    }

    /** For tests: the clock, the link and the poll thread are the caller's. The executor is stopped by {@link #stop}. */
    ModbusDevice(DeviceOptions options, Clock clock, TransportFactory transports, ScheduledExecutorService executor) {
        this.options = options;
        this.executor = executor;
        ProfileParser.Outcome outcome = new ProfileParser().parse(options.profileJson());
        if (outcome instanceof ProfileParser.Outcome.Parsed parsed) {
            this.transport = transports.open(options, parsed.profile());
            this.poller = new DevicePoller(options.channels(), options.unitId(), ReadPlan.of(parsed.profile()),
                    transport, clock);
        } else {
            var invalid = (ProfileParser.Outcome.Invalid) outcome;
            LOG.error("device {}: profile {} is unusable: {}: {}; its channels read CONFIG_ERROR until the profile"
                    + " is fixed", options.deviceId(), options.profileId(), invalid.field(), invalid.problem());
            this.transport = null;
            this.poller = new InvalidProfilePoller(options.channels(), invalid.pointNames(), clock);
        }
    }

    /**
     * Starts polling once the framework has bound the listeners present at activation, so the first batch is not
     * lost to a listener that was already there.
     */
    @Activate
    void start() {
        long interval = options.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::pollOnce, 0, interval, TimeUnit.MILLISECONDS);
        LOG.info("device {}: polling {}:{} unit {} every {} ms", options.deviceId(), options.host(), options.port(),
                options.unitId(), interval);
    }

    @Deactivate
    void stop() {
        // The transport is closed on the poll thread, after any poll in progress: j2mod objects are not
        // thread-safe. Periodic polls are cancelled by shutdown(); the one-off close still runs.
        if (transport != null) {
            executor.execute(transport::close);
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("device {}: poll did not end within {}; interrupting it", options.deviceId(), STOP_WAIT);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeReadingListener")
    void addReadingListener(ReadingListener listener) {
        listeners.add(listener);
    }

    void removeReadingListener(ReadingListener listener) {
        listeners.remove(listener);
    }

    void pollOnce() {
        try {
            PollResult result = poller.poll();
            logCommChange(result);
            listeners.deliver(options.deviceId(), result.readings());
        } catch (RuntimeException e) {
            // An escaped exception would silently cancel the periodic poll.
            LOG.error("device {}: poll failed", options.deviceId(), e);
        }
    }

    private void logCommChange(PollResult result) {
        switch (commState.update(result)) {
            case FAILING -> LOG.warn("device {} ({}:{} unit {}): communication failing: {}", options.deviceId(),
                    options.host(), options.port(), options.unitId(), result.commFailure());
            case OK -> LOG.info("device {} ({}:{} unit {}): communication ok", options.deviceId(), options.host(),
                    options.port(), options.unitId());
            case NONE -> {
            }
        }
    }

    private static TransportFactory tcp(Clock clock) {
        return (options, profile) -> new J2modTcpTransport(options.host(), options.port(), profile.timeoutMillis(),
                new Backoff(BACKOFF_INITIAL, BACKOFF_MAX), clock);
    }

    private static ThreadFactory daemonThread(String name) {
        return runnable -> {
            var thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
