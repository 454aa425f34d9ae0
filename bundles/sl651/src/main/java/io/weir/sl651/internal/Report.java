package io.weir.sl651.internal;

import java.time.LocalDateTime;
import java.util.List;

/**
 * The body of a station's message, read.
 *
 * @param serial      the station's serial number of the message (流水号)
 * @param sentAt      the station's send time, in the stations' time zone
 * @param station     the station address the body names (F1 F1), or the frame's when the body has none
 * @param stationType the station type byte (e.g. 0x50 rain, 0x48 river), or -1 when absent
 * @param values      the values of known elements, in body order
 * @param unknown     identifiers the gateway does not know, skipped
 */
record Report(int serial, LocalDateTime sentAt, String station, int stationType, List<Value> values,
              List<Integer> unknown) {

    /**
     * One value of one element.
     *
     * @param spec       which element
     * @param observedAt when it was observed (for a 5-minute series: the end of its interval)
     * @param value      the number, or null when the station sent the element's "no data" mark
     */
    record Value(ElementSpec spec, LocalDateTime observedAt, Double value) {
    }

    Report {
        values = List.copyOf(values);
        unknown = List.copyOf(unknown);
    }
}
