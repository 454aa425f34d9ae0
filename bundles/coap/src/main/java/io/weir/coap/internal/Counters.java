package io.weir.coap.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What the server refused and accepted since it started; shown under {@code coap} in the gateway's state. */
final class Counters {

    final AtomicLong reportsAccepted = new AtomicLong();
    final AtomicLong readingsAccepted = new AtomicLong();
    final AtomicLong duplicatesDropped = new AtomicLong();
    final AtomicLong unknownIdentity = new AtomicLong();
    final AtomicLong handshakesFailed = new AtomicLong();
    final AtomicLong wrongKey = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    final AtomicLong oversized = new AtomicLong();
    final AtomicLong unsupportedFormat = new AtomicLong();
    final AtomicLong rateLimited = new AtomicLong();
    final AtomicLong storeFailed = new AtomicLong();
    final AtomicLong unmappedRecords = new AtomicLong();
    final AtomicLong commandsDelivered = new AtomicLong();
    final AtomicLong devicesSilent = new AtomicLong();

    Map<String, Long> snapshot() {
        var m = new LinkedHashMap<String, Long>();
        m.put("reportsAccepted", reportsAccepted.get());
        m.put("readingsAccepted", readingsAccepted.get());
        m.put("duplicatesDropped", duplicatesDropped.get());
        m.put("unknownIdentity", unknownIdentity.get());
        m.put("wrongKey", wrongKey.get());
        m.put("handshakesFailed", handshakesFailed.get());
        m.put("malformed", malformed.get());
        m.put("oversized", oversized.get());
        m.put("unsupportedFormat", unsupportedFormat.get());
        m.put("rateLimited", rateLimited.get());
        m.put("storeFailed", storeFailed.get());
        m.put("unmappedRecords", unmappedRecords.get());
        m.put("commandsDelivered", commandsDelivered.get());
        m.put("silentFlagged", devicesSilent.get());
        return m;
    }
}
