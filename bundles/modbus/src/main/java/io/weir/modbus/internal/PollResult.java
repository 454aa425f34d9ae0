package io.weir.modbus.internal;

import java.util.List;

import io.weir.api.Reading;

/**
 * What one poll of a device produced.
 *
 * @param readings    one reading per point, GOOD or BAD
 * @param commFailure why the device could not be read, or {@code null} when every block got an answer
 * @param failureKind how the first failed transaction failed (silence, a garbled answer, the link), or
 *                    {@code null}: what a hint to the technician is chosen by
 */
record PollResult(List<Reading> readings, String commFailure, ReadResult.CommFailure.Kind failureKind) {

    PollResult(List<Reading> readings, String commFailure) {
        this(readings, commFailure, null);
    }

    PollResult {
        readings = List.copyOf(readings);
    }

    boolean commOk() {
        return commFailure == null;
    }
}
