package io.weir.modbus.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The link a commissioning command names in its arguments: {@code link} (a serial port, {@code host:port} or a
 * full link name), {@code transport} for a plain {@code host:port} not in use ({@code tcp} unless said), and for a
 * serial port not in use its line: {@code baudRate}, {@code dataBits}, {@code parity}, {@code stopBits} (9600 8N1
 * unless said). A link some device polls is taken as that device's: the command then shares its endpoint.
 */
final class LinkArgs {

    private LinkArgs() {
    }

    static LinkSpec spec(Map<String, String> args, Endpoints endpoints) {
        String link = args.get("link");
        String transport = args.get("transport");
        if ((transport == null || transport.isBlank()) && link != null) {
            var inUse = endpoints.inUse(link);
            if (inUse.isPresent()) {
                return inUse.get();
            }
        }
        return LinkSpec.parse(link, transport, line(args, "-"));
    }

    /** The serial line the arguments give, on {@code port}; 9600 8N1 for what they leave out. */
    static SerialSettings line(Map<String, String> args, String port) {
        return new SerialSettings(port, integer(args, "baudRate", 9600, 1, Integer.MAX_VALUE),
                integer(args, "dataBits", 8, 7, 8), args.getOrDefault("parity", "none"),
                integer(args, "stopBits", 1, 1, 2));
    }

    /** A whole-number argument in {@code min..max}, or {@code otherwise} when it is not given. */
    static int integer(Map<String, String> args, String name, int otherwise, int min, int max) {
        String text = args.get(name);
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            int value = Integer.decode(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " '" + text + "' is not a whole number in " + min + ".." + max);
    }

    /** A comma-separated list argument ({@code 9600,19200}); empty when not given. */
    static List<String> list(Map<String, String> args, String name) {
        var values = new ArrayList<String>();
        String text = args.get(name);
        if (text != null) {
            for (String part : text.split("[,\\s]+")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        }
        return values;
    }
}
