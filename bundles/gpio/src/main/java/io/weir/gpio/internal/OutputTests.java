package io.weir.gpio.internal;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** The outputs running now, by name, for the technician's output test. */
final class OutputTests {

    /** What an output does when tested. */
    interface Testable {
        /** Switches on for {@code length}, then back to what its alarms say; answers what was done. */
        Map<String, Object> pulse(Duration length);
    }

    private final Map<String, Testable> outputs = new TreeMap<>();

    synchronized void add(String name, Testable output) {
        outputs.put(name, output);
    }

    synchronized void remove(String name, Testable output) {
        outputs.remove(name, output);
    }

    /** @throws IllegalArgumentException naming the outputs there are */
    synchronized Testable require(String name) {
        Testable output = name == null ? null : outputs.get(name.strip());
        if (output == null) {
            throw new IllegalArgumentException("no GPIO output '" + name + "'; outputs: " + outputs.keySet());
        }
        return output;
    }
}
