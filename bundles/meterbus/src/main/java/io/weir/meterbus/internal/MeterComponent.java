package io.weir.meterbus.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.Reading;
import io.weir.api.ReadingListener;
import io.weir.api.time.TimeTrust;

/**
 * One configured meter: polls it on its line's thread and hands every batch to every {@link ReadingListener}. A
 * meter that stops answering is asked again after 1, 2, 4 ... 60 s, so its timeouts do not take the line from its
 * neighbours; meanwhile nothing is read from it.
 */
@Component(configurationPid = MeterComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = MeterConfig.class, factory = true)
public final class MeterComponent {

    static final String PID = "io.weir.meterbus.meter";

    private static final Logger LOG = LoggerFactory.getLogger(MeterComponent.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Duration BACKOFF_MAX = Duration.ofMinutes(1);

    private final MeterOptions options;
    private final MeterPoller poller;
    private final Lines lines;
    private final Line line;
    private final MeterRegistry registry;
    private final Clock clock;
    private final List<ReadingListener> listeners = new CopyOnWriteArrayList<>();
    private volatile TimeTrust timeTrust;
    private final MeterState state;
    private Duration backoff = Duration.ZERO; // only touched on the line's thread
    private Instant nextAttempt = Instant.MIN; // only touched on the line's thread
    private volatile ScheduledFuture<?> task;

    @Activate
    public MeterComponent(MeterConfig config, @Reference Lines lines, @Reference MeterRegistry registry)
            throws Exception {
        this(MeterOptions.from(config), JSON.readValue(config.profile(), MeterProfile.class), lines, registry,
                Clock.systemUTC());
    }

    MeterComponent(MeterOptions options, MeterProfile profile, Lines lines, MeterRegistry registry, Clock clock) {
        this.options = options;
        this.lines = lines;
        this.registry = registry;
        this.clock = clock;
        this.poller = new MeterPoller(options, profile, clock);
        this.line = lines.of(options);
        this.state = new MeterState(options);
    }

    @Activate
    void start() {
        registry.add(state);
        task = line.every(options.pollInterval().toMillis(), this::pollOnce);
        LOG.info("meter {} ({} {}) on {} every {} ms", options.deviceId(), options.protocol(), options.address(),
                line, options.pollInterval().toMillis());
    }

    @Deactivate
    void stop() throws InterruptedException {
        registry.remove(state);
        if (task != null) {
            task.cancel(false);
        }
        lines.release(line);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeReadingListener")
    void addReadingListener(ReadingListener listener) {
        listeners.add(listener);
    }

    void removeReadingListener(ReadingListener listener) {
        listeners.remove(listener);
    }

    /** Readings taken while the clock is not synchronised go out UNCERTAIN / CLOCK_UNSYNCED. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetTimeTrust")
    void setTimeTrust(TimeTrust trust) {
        timeTrust = trust;
    }

    void unsetTimeTrust(TimeTrust trust) {
        if (timeTrust == trust) {
            timeTrust = null;
        }
    }

    void pollOnce() {
        try {
            Instant now = clock.instant();
            if (now.isBefore(nextAttempt)) {
                return;
            }
            MeterPoller.Result result = poller.poll(line.link());
            boolean wasOk = state.ok();
            state.polled(result.commOk(), result.failure());
            if (result.commOk()) {
                backoff = Duration.ZERO;
                if (!wasOk) {
                    LOG.info("meter {} ({}): communication ok", options.deviceId(), line);
                }
            } else {
                backoff = backoff.isZero() ? Duration.ofSeconds(1) : min(backoff.multipliedBy(2), BACKOFF_MAX);
                nextAttempt = now.plus(backoff);
                if (wasOk) {
                    LOG.warn("meter {} ({} address {}): communication failing: {}", options.deviceId(), line,
                            options.address(), result.failure());
                }
            }
            deliver(result.readings());
        } catch (RuntimeException e) {
            LOG.error("meter {}: poll failed", options.deviceId(), e); // never let it cancel the periodic poll
        }
    }

    private void deliver(List<Reading> readings) {
        TimeTrust trust = timeTrust;
        List<Reading> batch = trust == null ? readings : trust.stamp(readings);
        for (ReadingListener listener : listeners) {
            try {
                listener.onReadings(batch);
            } catch (RuntimeException e) {
                LOG.error("meter {}: reading listener {} failed", options.deviceId(), listener.getClass().getName(), e);
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
