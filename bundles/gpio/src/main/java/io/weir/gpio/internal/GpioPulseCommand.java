package io.weir.gpio.internal;

import java.time.Duration;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.weir.api.command.CommandHandler;

/**
 * {@code gpio-pulse}: {@code output=<name> seconds=<1..60> confirm=<name again>} switches a siren, strobe or relay
 * on for a few seconds to test it and its wiring, then back to what its alarms say. The output's name is asked for
 * twice because a siren sounding across a village is not something to start by a slip of the finger.
 */
@Component(service = CommandHandler.class, property = CommandHandler.NAME + "=gpio-pulse")
public final class GpioPulseCommand implements CommandHandler {

    static final int MAX_SECONDS = 60;

    private final OutputTests outputs;
    private final JsonFactory json = new JsonFactory();

    @Activate
    public GpioPulseCommand(@Reference(name = "gpio") GpioComponent gpio) {
        this(gpio.tests());
    }

    GpioPulseCommand(OutputTests outputs) {
        this.outputs = outputs;
    }

    @Override
    public String handle(Map<String, String> args) throws Exception {
        String name = args.get("output");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("argument 'output' is missing: the output's name, e.g. siren");
        }
        OutputTests.Testable output = outputs.require(name);
        if (!name.strip().equals(args.getOrDefault("confirm", "").strip())) {
            throw new IllegalArgumentException("confirm must repeat the output's name ('" + name.strip() + "'):"
                    + " the output is switched on for real");
        }
        int seconds;
        try {
            seconds = Integer.parseInt(args.getOrDefault("seconds", "3").strip());
        } catch (NumberFormatException e) {
            seconds = 0;
        }
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("seconds '" + args.get("seconds") + "' is not a whole number in 1.."
                    + MAX_SECONDS);
        }
        return write(output.pulse(Duration.ofSeconds(seconds)));
    }

    private String write(Map<String, Object> answer) throws java.io.IOException {
        var out = new java.io.StringWriter();
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            for (var e : answer.entrySet()) {
                g.writeFieldName(e.getKey());
                if (e.getValue() instanceof Boolean b) {
                    g.writeBoolean(b);
                } else if (e.getValue() instanceof Number n) {
                    g.writeNumber(n.longValue());
                } else {
                    g.writeString(String.valueOf(e.getValue()));
                }
            }
            g.writeEndObject();
        }
        return out.toString();
    }
}
