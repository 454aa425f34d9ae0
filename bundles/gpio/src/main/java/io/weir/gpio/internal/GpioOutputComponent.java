package io.weir.gpio.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

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

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmListener;
import io.weir.api.GatewayEvent;
import io.weir.api.GatewayEventListener;

/**
 * One GPIO output (siren, strobe, relay) that alarm events latch on; see {@link AlarmLatch}. A technician may pulse
 * it on for a few seconds to test it (gpio-pulse); afterwards it is whatever its alarms say.
 */
@Component(service = AlarmListener.class, configurationPid = GpioOutputComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        // told of the alarms already active when it comes up: a siren configured, or reconfigured, while the river
        // is over its level must sound, not wait for the next escalation
        property = AlarmListener.CURRENT_ALARMS + ":Boolean=true")
@Designate(ocd = GpioOutputConfig.class, factory = true)
public final class GpioOutputComponent implements AlarmListener, OutputTests.Testable {

    static final String PID = "io.weir.gpio.output";

    private static final Logger LOG = LoggerFactory.getLogger(GpioOutputComponent.class);

    private final OutputOptions options;
    private final AlarmLatch latch;
    private final Pins.Output pin;

    private final OutputBoard board;
    private final List<GatewayEventListener> events = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final Later later;
    private final OutputTests tests; // null in tests that do not pulse
    private Later.Task pulseEnd; // while a test pulse holds the output on

    @Activate
    public GpioOutputComponent(GpioOutputConfig config, @Reference(name = "gpio") GpioComponent gpio) {
        this(OutputOptions.from(config), gpio.pins(), gpio.outputs(), Clock.systemUTC(), gpio.later(),
                gpio.tests());
    }

    GpioOutputComponent(OutputOptions options, Pins pins, OutputBoard board, Clock clock) {
        this(options, pins, board, clock, (delay, task) -> () -> { }, null);
    }

    GpioOutputComponent(OutputOptions options, Pins pins, OutputBoard board, Clock clock, Later later,
                        OutputTests tests) {
        this.options = options;
        this.board = board;
        this.clock = clock;
        this.later = later;
        this.tests = tests;
        this.latch = new AlarmLatch(options.trigger(), options.releaseOnClear());
        this.pin = pins.output("out-" + options.pin(), options.pin(), options.activeLow());
        drive(false, null);
        if (tests != null) {
            tests.add(options.name(), this);
        }
    }

    /** Every switch is also a gateway event, so the cloud hears at once that a siren sounds or fell silent. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeEventListener")
    void addEventListener(GatewayEventListener listener) {
        events.add(listener);
    }

    void removeEventListener(GatewayEventListener listener) {
        events.remove(listener);
    }

    @Override
    public synchronized void onAlarm(AlarmEvent event) {
        boolean was = on();
        latch.apply(event);
        boolean on = on();
        if (on != was) {
            LOG.info("output {} {} on {} {} of alarm {}", options.name(), on ? "ON" : "OFF", event.transition(),
                    event.level(), event.alarmId());
            switched(on, event.alarmId(), event.transition().name());
        }
    }

    /**
     * Test pulse: on now, and after {@code length} back to what the alarms say (still on if an alarm holds it). A
     * pulse while one runs starts it again. Each switch is a GPIO_OUTPUT_SWITCHED event with transition TEST.
     */
    @Override
    public synchronized Map<String, Object> pulse(Duration length) {
        boolean was = on();
        if (pulseEnd != null) {
            pulseEnd.cancel();
        }
        pulseEnd = later.after(length, this::endPulse);
        LOG.info("output {} tested: on for {} s", options.name(), length.toSeconds());
        if (!was) {
            switched(true, null, "TEST");
        }
        var answer = new LinkedHashMap<String, Object>();
        answer.put("output", options.name());
        answer.put("pin", options.pin());
        answer.put("on", true);
        answer.put("seconds", length.toSeconds());
        answer.put("until", clock.instant().plus(length).toString());
        answer.put("heldByAlarm", latch.on());
        return answer;
    }

    private synchronized void endPulse() {
        pulseEnd = null;
        if (!latch.on()) {
            switched(false, null, "TEST");
        }
    }

    private void switched(boolean on, String alarmId, String transition) {
        drive(on, alarmId);
        var details = new LinkedHashMap<String, Object>();
        details.put("output", options.name());
        details.put("pin", options.pin());
        details.put("on", on);
        details.put("alarmId", alarmId);
        details.put("transition", transition);
        var switched = new GatewayEvent("GPIO_OUTPUT_SWITCHED", clock.instant(), "gpio", details);
        for (GatewayEventListener listener : events) {
            try {
                listener.onEvent(switched);
            } catch (RuntimeException e) {
                LOG.error("event listener {} failed on output {}", listener.getClass().getName(),
                        options.name(), e);
            }
        }
    }

    synchronized boolean on() {
        return latch.on() || pulseEnd != null;
    }

    @Deactivate
    synchronized void stop() {
        if (tests != null) {
            tests.remove(options.name(), this);
        }
        if (pulseEnd != null) {
            pulseEnd.cancel();
            pulseEnd = null;
        }
        drive(false, null);
        board.remove(options.name());
        pin.close();
    }

    private void drive(boolean on, String alarmId) {
        pin.high(on != options.activeLow());
        board.set(options.name(), options.pin(), on, alarmId);
    }
}
