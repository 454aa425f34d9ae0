package io.weir.uplink.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How often the broker connection was made and lost since the gateway started, for the {@code uplink} status part
 * (the metrics bundle turns it into {@code weir_uplink_*}).
 */
final class UplinkStatus {

    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong losses = new AtomicLong();

    void connected() {
        connects.incrementAndGet();
    }

    void lost() {
        losses.incrementAndGet();
    }

    long connects() {
        return connects.get();
    }

    long losses() {
        return losses.get();
    }
}
