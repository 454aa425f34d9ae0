package io.weir.modbus.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.Reading;
import io.weir.api.ReadingListener;
import io.weir.api.store.NotStoredException;
import io.weir.api.time.TimeTrust;

/**
 * The reading listeners bound right now. Copy-on-write: listeners come and go on the framework's threads while
 * the poll thread delivers, and a delivery sees one consistent set without locking.
 */
final class ReadingListeners {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingListeners.class);

    private final List<ReadingListener> listeners = new CopyOnWriteArrayList<>();
    /** Marks readings taken while the clock is not synchronised; absent, readings go as they are. */
    private volatile TimeTrust timeTrust;
    private long refusedInARow; // only touched on the device's poll thread

    void add(ReadingListener listener) {
        listeners.add(listener);
    }

    void remove(ReadingListener listener) {
        listeners.remove(listener);
    }

    void trust(TimeTrust trust) {
        timeTrust = trust;
    }

    void distrust(TimeTrust trust) {
        if (timeTrust == trust) {
            timeTrust = null;
        }
    }

    /**
     * Gives the batch, stamped by the clock's trust, to every listener; one that throws is logged and does not keep
     * the batch from the rest. A store that refuses batches (a full disk) is logged once and counted.
     */
    void deliver(String deviceId, List<Reading> readings) {
        TimeTrust trust = timeTrust;
        List<Reading> batch = trust == null ? readings : trust.stamp(readings);
        boolean refused = false;
        for (ReadingListener listener : listeners) {
            try {
                listener.onReadings(batch);
            } catch (NotStoredException e) {
                refused = true;
                if (refusedInARow == 0) {
                    LOG.warn("device {}: {} (further refusals are counted until the store takes readings again)",
                            deviceId, e.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.error("device {}: reading listener {} failed on a batch of {} readings", deviceId,
                        listener.getClass().getName(), batch.size(), e);
            }
        }
        if (refused) {
            refusedInARow++;
        } else if (refusedInARow > 0) {
            LOG.info("device {}: the store takes readings again, after {} batches refused", deviceId, refusedInARow);
            refusedInARow = 0;
        }
    }
}
