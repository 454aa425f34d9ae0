package io.weir.sl651.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What the centre accepted and refused since it started; shown under {@code sl651} in the gateway's state. */
final class Counters {

    final AtomicLong framesReceived = new AtomicLong();
    final AtomicLong reportsAccepted = new AtomicLong();
    final AtomicLong readingsAccepted = new AtomicLong();
    final AtomicLong keepAlives = new AtomicLong();
    final AtomicLong acknowledgements = new AtomicLong();
    final AtomicLong badCrc = new AtomicLong();
    final AtomicLong truncated = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    final AtomicLong unknownStation = new AtomicLong();
    final AtomicLong wrongPassword = new AtomicLong();
    final AtomicLong unknownElements = new AtomicLong();
    final AtomicLong duplicateIntervals = new AtomicLong();
    final AtomicLong storeFailed = new AtomicLong();
    final AtomicLong connectionsRefused = new AtomicLong();
    final AtomicLong connectionsIdleClosed = new AtomicLong();
    final AtomicLong packetsPending = new AtomicLong();

    AtomicLong of(FrameException.Kind kind) {
        return switch (kind) {
            case BAD_CRC -> badCrc;
            case TRUNCATED -> truncated;
            case MALFORMED -> malformed;
        };
    }

    Map<String, Long> snapshot() {
        var m = new LinkedHashMap<String, Long>();
        m.put("framesReceived", framesReceived.get());
        m.put("reportsAccepted", reportsAccepted.get());
        m.put("readingsAccepted", readingsAccepted.get());
        m.put("keepAlives", keepAlives.get());
        m.put("acknowledgements", acknowledgements.get());
        m.put("badCrc", badCrc.get());
        m.put("truncated", truncated.get());
        m.put("malformed", malformed.get());
        m.put("unknownStation", unknownStation.get());
        m.put("wrongPassword", wrongPassword.get());
        m.put("unknownElements", unknownElements.get());
        m.put("duplicateIntervals", duplicateIntervals.get());
        m.put("storeFailed", storeFailed.get());
        m.put("connectionsRefused", connectionsRefused.get());
        m.put("connectionsIdleClosed", connectionsIdleClosed.get());
        return m;
    }
}
