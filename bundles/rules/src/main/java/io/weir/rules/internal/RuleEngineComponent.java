package io.weir.rules.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.Acknowledgement;
import io.weir.api.AlarmAcknowledger;
import io.weir.api.AlarmListener;
import io.weir.api.Reading;
import io.weir.api.ReadingListener;
import io.weir.api.Site;

/**
 * The rules bundle's one reading listener and acknowledgement entry point. Rule components register their rule
 * here. State lives in {@code <weir.data.dir>/rules/}: {@code alarms.state} and {@code windows.state}.
 * <p>
 * Rain totals the rules derive are handed to every other reading listener (the store, the console), so they are
 * kept and sent like any reading. The engine's own registration carries {@value #ENGINE} and the reference filters
 * it out: the engine never receives what it derived.
 */
@Component(service = {ReadingListener.class, AlarmAcknowledger.class, RuleEngineComponent.class}, immediate = true,
        property = RuleEngineComponent.ENGINE + "=true")
public final class RuleEngineComponent implements ReadingListener, AlarmAcknowledger {

    static final Duration TICK = Duration.ofSeconds(30);
    static final Duration WINDOWS_EVERY = Duration.ofMinutes(5);
    /** Service property of the engine's own reading listener, which derived readings must not go back to. */
    static final String ENGINE = "weir.rules.engine";
    private static final Logger LOG = LoggerFactory.getLogger(RuleEngineComponent.class);

    private final RuleEngine engine;
    private final ScheduledExecutorService ticks;
    private final RulesWork work = new RulesWork();
    private final List<ReadingListener> listeners = new CopyOnWriteArrayList<>();

    @Activate
    public RuleEngineComponent(BundleContext context, @Reference(name = "site") Site site) {
        this(new RuleEngine(Clock.systemUTC(), System::nanoTime, site::info, stores(context).map(d ->
                new RuleStateStore(d.resolve("alarms.state"))), stores(context).map(d -> new RuleStateStore(
                d.resolve("windows.state"))), WINDOWS_EVERY), true);
    }

    RuleEngineComponent(RuleEngine engine, boolean tick) {
        this.engine = engine;
        engine.derivedSink(this::publish);
        this.ticks = tick ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "weir-rules-tick");
            t.setDaemon(true);
            return t;
        }) : null;
        if (ticks != null) {
            ticks.scheduleWithFixedDelay(engine::tick, TICK.toSeconds(), TICK.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static Optional<Path> stores(BundleContext context) {
        String dir = context.getProperty("weir.data.dir");
        return Optional.of(Path.of(dir == null || dir.isBlank() ? "data" : dir, "rules"));
    }

    RuleEngine engine() {
        return engine;
    }

    @Override
    public void onReadings(List<Reading> readings) {
        long started = System.nanoTime();
        engine.onReadings(readings);
        work.evaluated(readings.size(), System.nanoTime() - started);
    }

    /** How much the rules have evaluated since start, for the {@code rules} status part. */
    RulesWork work() {
        return work;
    }

    @Override
    public boolean acknowledge(String alarmId, Acknowledgement by) {
        return engine.acknowledge(alarmId, by);
    }

    /** Derived readings to every reading listener bound, each failure logged and not keeping them from the rest. */
    private void publish(List<Reading> readings) {
        for (ReadingListener listener : listeners) {
            try {
                listener.onReadings(readings);
            } catch (RuntimeException e) {
                LOG.error("reading listener {} failed on {} derived readings", listener.getClass().getName(),
                        readings.size(), e);
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeReadingListener", target = "(!(" + ENGINE + "=true))")
    void addReadingListener(ReadingListener listener) {
        listeners.add(listener);
    }

    void removeReadingListener(ReadingListener listener) {
        listeners.remove(listener);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeAlarmListener")
    void addAlarmListener(AlarmListener listener, Map<String, Object> properties) {
        engine.addAlarmListener(listener, Boolean.TRUE.equals(properties.get(AlarmListener.CURRENT_ALARMS))
                || "true".equals(properties.get(AlarmListener.CURRENT_ALARMS)));
    }

    void removeAlarmListener(AlarmListener listener) {
        engine.removeAlarmListener(listener);
    }

    @Deactivate
    void deactivate() {
        if (ticks != null) {
            ticks.shutdownNow();
        }
        engine.close();
    }
}
