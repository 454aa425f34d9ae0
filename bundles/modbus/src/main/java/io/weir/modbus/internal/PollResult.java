package io.weir.modbus.internal;

import java.util.List;

import io.weir.api.Reading;

/**
 * What one poll of a device produced.
 *
 * @param readings    one reading per point, GOOD or BAD
 * @param commFailure why the device could not be read, or {@code null} when every block got an answer
 */
record PollResult(List<Reading> readings, String commFailure) {

    PollResult {
        readings = List.copyOf(readings);
    }

    boolean commOk() {
        return commFailure == null;
    }
}
