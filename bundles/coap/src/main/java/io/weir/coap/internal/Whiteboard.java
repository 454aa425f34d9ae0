package io.weir.coap.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.GatewayEvent;
import io.weir.api.GatewayEventListener;
import io.weir.api.Reading;
import io.weir.api.ReadingListener;
import io.weir.api.time.TimeTrust;

/**
 * The reading and event listeners bound right now (copy-on-write: the framework changes them while reports are
 * being handled).
 */
final class Whiteboard {

    private static final Logger LOG = LoggerFactory.getLogger(Whiteboard.class);

    private final List<ReadingListener> readings = new CopyOnWriteArrayList<>();
    private final List<GatewayEventListener> events = new CopyOnWriteArrayList<>();
    /** Marks readings taken while the clock is not synchronised; absent, readings go as they are. */
    private volatile TimeTrust timeTrust;

    void trust(TimeTrust trust) {
        timeTrust = trust;
    }

    void distrust(TimeTrust trust) {
        if (timeTrust == trust) {
            timeTrust = null;
        }
    }

    private List<Reading> stamped(List<Reading> batch) {
        TimeTrust trust = timeTrust;
        return trust == null ? batch : trust.stamp(batch);
    }

    void add(ReadingListener listener) {
        readings.add(listener);
    }

    void remove(ReadingListener listener) {
        readings.remove(listener);
    }

    void add(GatewayEventListener listener) {
        events.add(listener);
    }

    void remove(GatewayEventListener listener) {
        events.remove(listener);
    }

    /**
     * Hands a batch to every reading listener.
     *
     * @return true only when there was at least one listener and none failed: the store returns only once the
     *         batch is durable, so true means it is kept and the report may be acknowledged
     */
    boolean deliver(String deviceId, List<Reading> report) {
        List<Reading> batch = stamped(report);
        List<ReadingListener> now = List.copyOf(readings);
        if (now.isEmpty()) {
            LOG.warn("device {}: no reading listener (store) is running; the report is refused so the device"
                    + " sends it again", deviceId);
            return false;
        }
        boolean all = true;
        for (ReadingListener listener : now) {
            try {
                listener.onReadings(batch);
            } catch (RuntimeException e) {
                all = false;
                LOG.error("device {}: reading listener {} failed on a batch of {} readings; answering 5.03 so the"
                        + " device sends it again", deviceId, listener.getClass().getName(), batch.size(), e);
            }
        }
        return all;
    }

    /** Readings the gateway makes itself (stale flags): nobody to answer, so failures are only logged. */
    void deliverQuietly(String deviceId, List<Reading> flags) {
        List<Reading> batch = stamped(flags);
        for (ReadingListener listener : readings) {
            try {
                listener.onReadings(batch);
            } catch (RuntimeException e) {
                LOG.error("device {}: reading listener {} failed on {} stale flags", deviceId,
                        listener.getClass().getName(), batch.size(), e);
            }
        }
    }

    void publish(GatewayEvent event) {
        for (GatewayEventListener listener : events) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.error("event {} of {}: listener {} failed", event.type(), event.source(),
                        listener.getClass().getName(), e);
            }
        }
    }
}
