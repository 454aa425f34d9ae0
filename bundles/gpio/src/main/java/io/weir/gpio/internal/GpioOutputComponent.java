package io.weir.gpio.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
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

/** One GPIO output (siren, strobe, relay) that alarm events latch on; see {@link AlarmLatch}. */
@Component(service = AlarmListener.class, configurationPid = GpioOutputComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = GpioOutputConfig.class, factory = true)
public final class GpioOutputComponent implements AlarmListener {

    static final String PID = "io.weir.gpio.output";

    private static final Logger LOG = LoggerFactory.getLogger(GpioOutputComponent.class);

    private final OutputOptions options;
    private final AlarmLatch latch;
    private final Pins.Output pin;

    private final OutputBoard board;
    private final List<GatewayEventListener> events = new CopyOnWriteArrayList<>();
    private final Clock clock;

    @Activate
    public GpioOutputComponent(GpioOutputConfig config, @Reference(name = "gpio") GpioComponent gpio) {
        this(OutputOptions.from(config), gpio.pins(), gpio.outputs(), Clock.systemUTC());
    }

    GpioOutputComponent(OutputOptions options, Pins pins, OutputBoard board, Clock clock) {
        this.options = options;
        this.board = board;
        this.clock = clock;
        this.latch = new AlarmLatch(options.trigger(), options.releaseOnClear());
        this.pin = pins.output("out-" + options.pin(), options.pin(), options.activeLow());
        drive(false, null);
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
        boolean was = latch.on();
        boolean on = latch.apply(event);
        if (on != was) {
            LOG.info("output {} {} on {} {} of alarm {}", options.name(), on ? "ON" : "OFF", event.transition(),
                    event.level(), event.alarmId());
            drive(on, event.alarmId());
            var details = new LinkedHashMap<String, Object>();
            details.put("output", options.name());
            details.put("pin", options.pin());
            details.put("on", on);
            details.put("alarmId", event.alarmId());
            details.put("transition", event.transition().name());
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
    }

    synchronized boolean on() {
        return latch.on();
    }

    @Deactivate
    synchronized void stop() {
        drive(false, null);
        board.remove(options.name());
        pin.close();
    }

    private void drive(boolean on, String alarmId) {
        pin.high(on != options.activeLow());
        board.set(options.name(), options.pin(), on, alarmId);
    }
}
