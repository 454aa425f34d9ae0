package io.weir.modbus.internal;

import java.util.HashMap;
import java.util.Map;

import io.weir.api.profile.DeviceProfile;
import io.weir.api.profile.Point;

/**
 * Which points of a profile may be written, and with which function code: the profile's own say
 * ({@link Point#writeFunction()}, checked when the profile was read). Only coils (read with 01) and holding
 * registers (03) can be written: 05 or 15 for a coil, 06 or 16 for a one-register value, 16 for wider ones.
 */
final class WritablePoints {

    /** Whether a point may be written: the function code to write it with, or why not. */
    sealed interface Access {
        record Writable(int function) implements Access {
        }

        record NotWritable(String why) implements Access {
        }
    }

    private final Map<String, Integer> functions;

    private WritablePoints(Map<String, Integer> functions) {
        this.functions = Map.copyOf(functions);
    }

    static WritablePoints none() {
        return new WritablePoints(Map.of());
    }

    static WritablePoints of(DeviceProfile profile) {
        var functions = new HashMap<String, Integer>();
        for (Point point : profile.points()) {
            if (point.writable()) {
                functions.put(point.name(), point.writeFunction());
            }
        }
        return new WritablePoints(functions);
    }

    Access of(Point point) {
        Integer function = functions.get(point.name());
        if (function != null) {
            return new Access.Writable(function);
        }
        if (point.function() == 2 || point.function() == 4) {
            return new Access.NotWritable("point " + point.name() + " is read with function " + point.function()
                    + (point.function() == 2 ? " (a discrete input)" : " (an input register)")
                    + ", which Modbus cannot write");
        }
        return new Access.NotWritable("the profile does not mark point " + point.name() + " writable");
    }
}
