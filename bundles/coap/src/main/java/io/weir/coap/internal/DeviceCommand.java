package io.weir.coap.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A command waiting for a sleeping device: sent in the response to its next confirmable report.
 *
 * @param name     what to do, e.g. {@code interval} or {@code rebaseline}
 * @param value    its argument as text; empty when it takes none
 * @param queuedAt when it was queued
 */
record DeviceCommand(String name, String value, Instant queuedAt) {

    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    /** A new report interval in seconds. */
    static final String INTERVAL = "interval";
    /** Take the tilt angle of the next report as the cover's resting position. */
    static final String REBASELINE = "rebaseline";
    static final int MAX_VALUE_LENGTH = 64;

    DeviceCommand {
        Objects.requireNonNull(queuedAt, "queuedAt");
        value = value == null ? "" : value;
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("command '" + name + "' is not a command name ([a-z][a-z0-9-]*, at"
                    + " most 32 characters)");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("command " + name + ": value longer than " + MAX_VALUE_LENGTH);
        }
        if (name.equals(INTERVAL)) {
            long seconds;
            try {
                seconds = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("command interval: value '" + value + "' is not whole seconds");
            }
            if (seconds < 10 || seconds > 7 * 24 * 3600) {
                throw new IllegalArgumentException("command interval: " + seconds + " s is outside 10..604800");
            }
        }
        if (name.equals(REBASELINE) && !value.isEmpty()) {
            throw new IllegalArgumentException("command rebaseline takes no value");
        }
    }
}
