package io.weir.gpio.internal;

import java.time.Clock;

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

import io.weir.api.Reading;
import io.weir.api.ReadingListener;
import io.weir.api.time.TimeTrust;

/**
 * One GPIO input, published to every {@link ReadingListener}: a rain gauge's tips (a reading right after each tip,
 * and one every report period, zero when dry, so rain windows move on and a cut cable shows as missing data) or a
 * contact's state (on each settled change, and every report period). Readings are delivered on the bundle's
 * thread, never on the provider's, so a slow listener cannot make the pin miss edges.
 */
@Component(service = {}, configurationPid = GpioInputComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = GpioInputConfig.class, factory = true)
public final class GpioInputComponent {

    static final String PID = "io.weir.gpio.input";

    private static final Logger LOG = LoggerFactory.getLogger(GpioInputComponent.class);

    private final InputOptions options;
    private final Clock clock;
    private final Later later;
    private final ReadingListeners listeners = new ReadingListeners();
    private final TipCounter tips;
    private final SettledInput state;
    private final Pins.Input pin;
    private Later.Task report;
    private volatile boolean stopped;

    @Activate
    public GpioInputComponent(GpioInputConfig config, @Reference(name = "gpio") GpioComponent gpio) {
        this(InputOptions.from(config), gpio.pins(), gpio.later(), Clock.systemUTC());
    }

    GpioInputComponent(InputOptions options, Pins pins, Later later, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.later = later;
        String id = "in-" + options.pin();
        if (options.kind() == InputOptions.Kind.TIPS) {
            this.tips = new TipCounter(options.channel(), options.mmPerTip(), options.debounce());
            this.state = null;
            this.pin = pins.input(id, options.pin(), options.pull(), this::tipEdge);
        } else {
            this.tips = null;
            this.state = new SettledInput(options.channel(), this::active, options.debounce(), clock, later);
            this.pin = pins.input(id, options.pin(), options.pull(), high -> state.edge(this::publishSettled));
        }
    }

    /** Starts reporting once the framework has bound the listeners present at activation. */
    @Activate
    void start() {
        LOG.info("GPIO input {} on pin {}: {} ", options.channel(), options.pin(), options.kind());
        later.now(this::reportAndReschedule);
    }

    @Deactivate
    void stop() {
        stopped = true;
        synchronized (this) {
            if (report != null) {
                report.cancel();
            }
        }
        pin.close();
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
        listeners.trust(trust);
    }

    void unsetTimeTrust(TimeTrust trust) {
        listeners.distrust(trust);
    }

    private boolean active() {
        return pin.high() != options.activeLow();
    }

    private void tipEdge(boolean high) {
        if (high != options.activeLow() && tips.tip(clock.instant())) {
            later.now(() -> tips.tips(clock.instant()).ifPresent(this::publish));
        }
    }

    private void publishSettled() {
        state.settled().ifPresent(this::publish);
    }

    private void reportAndReschedule() {
        if (stopped) {
            return;
        }
        publish(tips != null ? tips.report(clock.instant()) : state.report());
        synchronized (this) {
            report = later.after(options.reportEvery(), this::reportAndReschedule);
        }
    }

    private void publish(Reading reading) {
        if (!stopped) {
            listeners.deliver(reading);
        }
    }
}
