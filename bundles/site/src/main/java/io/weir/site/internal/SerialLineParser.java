package io.weir.site.internal;

import java.util.List;
import java.util.Optional;

/**
 * Reads a device's {@code serial} block. Only the port is required: the rest default to 9600 8N1, what most Modbus
 * meters and gauges ship with, or to the defaults a section gives (2400 8E1 for DL/T 645 and CJ/T 188 meters).
 */
final class SerialLineParser {

    private static final List<String> FIELDS = List.of("port", "baudRate", "dataBits", "parity", "stopBits");

    private final Problems problems;
    private final int defaultBaudRate;
    private final String defaultParity;

    SerialLineParser(Problems problems) {
        this(problems, 9600, "none");
    }

    SerialLineParser(Problems problems, int defaultBaudRate, String defaultParity) {
        this.problems = problems;
        this.defaultBaudRate = defaultBaudRate;
        this.defaultParity = defaultParity;
    }

    Optional<SerialLine> parse(YamlMap device) {
        return device.requiredMap("serial").flatMap(map -> {
            map.allowOnly(FIELDS);
            Optional<String> port = map.requiredText("port");
            Optional<Integer> baud = oneOf(map, "baudRate", SerialLine.BAUD_RATES, defaultBaudRate);
            Optional<Integer> dataBits = oneOf(map, "dataBits", List.of(7, 8), 8);
            Optional<String> parity = map.optionalText("parity").or(() -> Optional.of(defaultParity)).filter(p -> {
                if (SerialLine.PARITIES.contains(p)) {
                    return true;
                }
                problems.add(map.lineOf("parity"), map.field("parity"), "'" + p + "' is not one of "
                        + String.join(", ", SerialLine.PARITIES));
                return false;
            });
            Optional<Integer> stopBits = oneOf(map, "stopBits", List.of(1, 2), 1);
            if (port.isEmpty() || baud.isEmpty() || dataBits.isEmpty() || parity.isEmpty() || stopBits.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new SerialLine(port.get(), baud.get(), dataBits.get(), parity.get(), stopBits.get()));
        });
    }

    private Optional<Integer> oneOf(YamlMap map, String key, List<Integer> allowed, int absent) {
        if (map.value(key).isEmpty()) {
            return Optional.of(absent);
        }
        return map.requiredInt(key, Integer.MIN_VALUE, Integer.MAX_VALUE).filter(n -> {
            if (allowed.contains(n)) {
                return true;
            }
            problems.add(map.lineOf(key), map.field(key), n + " is not one of " + allowed);
            return false;
        });
    }
}
