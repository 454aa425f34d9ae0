package io.weir.gpio.internal;

import java.util.Locale;
import java.util.function.Consumer;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;

/**
 * {@link Pins} on one Pi4J context. The providers are added by hand, not found through {@code ServiceLoader}
 * (Pi4J's auto-detection), so the configured one is used and nothing else is probed: on a gateway that is not a
 * Pi, an auto-detected platform would try to open hardware that is not there.
 */
final class Pi4jPins implements Pins {

    /** Which Pi4J providers drive the pins. */
    enum Provider {
        /** In-memory pins: tests, and gateways without GPIO. */
        MOCK(MockDigitalInputProvider.ID, MockDigitalOutputProvider.ID),
        /** The Linux GPIO character device (libgpiod), as on a Raspberry Pi running Raspberry Pi OS. */
        GPIOD(GpioDDigitalInputProvider.ID, GpioDDigitalOutputProvider.ID);

        final String inputId;
        final String outputId;

        Provider(String inputId, String outputId) {
            this.inputId = inputId;
            this.outputId = outputId;
        }

        static Provider parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("GPIO provider '" + text + "' is not MOCK or GPIOD", e);
            }
        }
    }

    private final Provider provider;
    private Context context;

    Pi4jPins(Provider provider) {
        this.provider = provider;
    }

    /**
     * The Pi4J context, made when the first pin is asked for: building one probes the board (Pi4J logs errors when
     * it is not a Raspberry Pi), which a gateway without GPIO inputs or outputs has no reason to do.
     */
    private synchronized Context context() {
        if (context == null) {
            context = switch (provider) {
                case MOCK -> Pi4J.newContextBuilder().noAutoDetect()
                        .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
                case GPIOD -> Pi4J.newContextBuilder().noAutoDetect()
                        .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance())
                        .build();
            };
        }
        return context;
    }

    Provider provider() {
        return provider;
    }

    /** The Pi4J object behind an id: tests reach the mock pins through it. */
    <T> T io(String id, Class<T> type) {
        return type.cast(context().registry().get(id));
    }

    @Override
    public Input input(String id, int bcm, Pull pull, Consumer<Boolean> onChange) {
        Context context = context();
        DigitalInput in = context.create(DigitalInput.newConfigBuilder(context).id(id).address(bcm)
                .pull(switch (pull) {
                    case UP -> PullResistance.PULL_UP;
                    case DOWN -> PullResistance.PULL_DOWN;
                    case OFF -> PullResistance.OFF;
                }).provider(provider.inputId).build());
        in.addListener((DigitalStateChangeListener) event -> onChange.accept(event.state() == DigitalState.HIGH));
        return new Input() {
            @Override
            public boolean high() {
                return in.isHigh();
            }

            @Override
            public void close() {
                context.shutdown(id);
            }
        };
    }

    @Override
    public Output output(String id, int bcm, boolean idleHigh) {
        Context context = context();
        DigitalState idle = idleHigh ? DigitalState.HIGH : DigitalState.LOW;
        DigitalOutput out = context.create(DigitalOutput.newConfigBuilder(context).id(id).address(bcm)
                .initial(idle).shutdown(idle).provider(provider.outputId).build());
        return new Output() {
            @Override
            public void high(boolean high) {
                out.state(high ? DigitalState.HIGH : DigitalState.LOW);
            }

            @Override
            public boolean high() {
                return out.isHigh();
            }

            @Override
            public void close() {
                context.shutdown(id);
            }
        };
    }

    @Override
    public synchronized void close() {
        if (context != null) {
            context.shutdown();
        }
    }
}
