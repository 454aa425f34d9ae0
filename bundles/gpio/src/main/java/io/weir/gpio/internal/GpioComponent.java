package io.weir.gpio.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.command.StatusProvider;

/**
 * Owns the Pi4J context and the bundle's thread; inputs and outputs take their pins from it. A change of provider
 * restarts it, and with it every input and output.
 */
@Component(service = {GpioComponent.class, StatusProvider.class}, configurationPid = GpioComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = StatusProvider.NAME + "=gpio")
@Designate(ocd = GpioConfig.class)
public final class GpioComponent implements StatusProvider {

    static final String PID = "io.weir.gpio";

    private static final Logger LOG = LoggerFactory.getLogger(GpioComponent.class);

    private final Pi4jPins pins;
    private final ExecutorLater later = new ExecutorLater();
    private final OutputBoard outputs = new OutputBoard();
    private final OutputTests tests = new OutputTests();

    @Activate
    public GpioComponent(GpioConfig config) {
        this.pins = new Pi4jPins(Pi4jPins.Provider.parse(config.provider()));
        LOG.info("GPIO through the {} provider", pins.provider());
    }

    Pins pins() {
        return pins;
    }

    Later later() {
        return later;
    }

    OutputBoard outputs() {
        return outputs;
    }

    OutputTests tests() {
        return tests;
    }

    @Override
    public String statusJson() {
        return outputs.json();
    }

    @Deactivate
    void close() {
        later.close();
        pins.close();
    }
}
