package io.weir.modbus.internal;

import java.util.List;
import java.util.Map;
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
 *
 * <p>Listeners registered with {@link ReadingListener#READINGS}{@code =}{@link ReadingListener#REPORTED} (the
 * store) get only what the device's {@link ReportFilter} reports; all others (rules, the console) every reading.
 */
final class ReadingListeners {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingListeners.class);

    /** A bound listener and whether it takes only reported readings. */
    private record Bound(ReadingListener listener, boolean reportedOnly) {
    }

    private final List<Bound> listeners = new CopyOnWriteArrayList<>();
    private final ReportFilter filter;
    /** Marks readings taken while the clock is not synchronised; absent, readings go as they are. */
    private volatile TimeTrust timeTrust;
    private long refusedInARow; // only touched on the device's poll thread

    ReadingListeners(ReportFilter filter) {
        this.filter = filter;
    }

    /** @param properties the listener's service properties, which say whether it takes only reported readings */
    void add(ReadingListener listener, Map<String, ?> properties) {
        listeners.add(new Bound(listener, ReadingListener.REPORTED.equals(properties.get(ReadingListener.READINGS))));
    }

    void remove(ReadingListener listener) {
        listeners.removeIf(bound -> bound.listener() == listener);
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
     * Gives the batch, stamped by the clock's trust, to every listener, and its reported readings to those that take
     * only these; one that throws is logged and does not keep the batch from the rest. A store that refuses batches
     * (a full disk) is logged once and counted, and what it refused is judged again with the next batch.
     */
    void deliver(String deviceId, List<Reading> readings) {
        TimeTrust trust = timeTrust;
        List<Reading> batch = trust == null ? readings : trust.stamp(readings);
        List<Reading> reported = filter.select(batch);
        boolean refused = false;
        for (Bound bound : listeners) {
            List<Reading> given = bound.reportedOnly() ? reported : batch;
            if (given.isEmpty()) {
                continue;
            }
            try {
                bound.listener().onReadings(given);
            } catch (NotStoredException e) {
                refused = true;
                if (refusedInARow == 0) {
                    LOG.warn("device {}: {} (further refusals are counted until the store takes readings again)",
                            deviceId, e.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.error("device {}: reading listener {} failed on a batch of {} readings", deviceId,
                        bound.listener().getClass().getName(), given.size(), e);
            }
        }
        if (refused) {
            refusedInARow++;
        } else {
            filter.reported(reported);
            if (refusedInARow > 0) {
                LOG.info("device {}: the store takes readings again, after {} batches refused", deviceId,
                        refusedInARow);
                refusedInARow = 0;
            }
        }
    }
}
