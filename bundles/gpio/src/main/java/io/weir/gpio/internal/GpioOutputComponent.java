package io.weir.gpio.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmListener;

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

    @Activate
    public GpioOutputComponent(GpioOutputConfig config, @Reference(name = "gpio") GpioComponent gpio) {
        this(OutputOptions.from(config), gpio.pins());
    }

    GpioOutputComponent(OutputOptions options, Pins pins) {
        this.options = options;
        this.latch = new AlarmLatch(options.trigger(), options.releaseOnClear());
        this.pin = pins.output("out-" + options.pin(), options.pin(), options.activeLow());
        drive(false);
    }

    @Override
    public synchronized void onAlarm(AlarmEvent event) {
        boolean was = latch.on();
        boolean on = latch.apply(event);
        if (on != was) {
            LOG.info("output {} {} on {} {} of alarm {}", options.name(), on ? "ON" : "OFF", event.transition(),
                    event.level(), event.alarmId());
            drive(on);
        }
    }

    synchronized boolean on() {
        return latch.on();
    }

    @Deactivate
    synchronized void stop() {
        drive(false);
        pin.close();
    }

    private void drive(boolean on) {
        pin.high(on != options.activeLow());
    }
}
