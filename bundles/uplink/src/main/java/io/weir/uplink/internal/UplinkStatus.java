package io.weir.uplink.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The uplink's own status part ({@code uplink}): whether the broker connection is up, and how often it was made
 * and lost since the gateway started. The metrics bundle turns it into {@code weir_uplink_*}.
 */
final class UplinkStatus {

    private volatile boolean connected;
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong losses = new AtomicLong();

    void connected() {
        connected = true;
        connects.incrementAndGet();
    }

    void lost() {
        connected = false;
        losses.incrementAndGet();
    }

    String json() {
        return "{\"connected\":" + connected + ",\"connects\":" + connects.get() + ",\"losses\":" + losses.get() + "}";
    }
}
