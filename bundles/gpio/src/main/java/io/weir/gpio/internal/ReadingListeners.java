package io.weir.gpio.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.Reading;
import io.weir.api.ReadingListener;
import io.weir.api.store.NotStoredException;
import io.weir.api.time.TimeTrust;

/** The reading listeners bound right now; copy-on-write, as they come and go on the framework's threads. */
final class ReadingListeners {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingListeners.class);

    private final List<ReadingListener> listeners = new CopyOnWriteArrayList<>();
    /** Marks readings taken while the clock is not synchronised; absent, readings go as they are. */
    private volatile TimeTrust timeTrust;
    private final AtomicLong refusedInARow = new AtomicLong();

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
     * Gives the reading, stamped by the clock's trust, to every listener; one that throws is logged and does not
     * keep it from the rest. A store that refuses readings (a full disk) is logged once and counted.
     */
    void deliver(Reading reading) {
        TimeTrust trust = timeTrust;
        List<Reading> batch = List.of(trust == null ? reading : trust.stamp(reading));
        boolean refused = false;
        for (ReadingListener listener : listeners) {
            try {
                listener.onReadings(batch);
            } catch (NotStoredException e) {
                refused = true;
                if (refusedInARow.get() == 0) {
                    LOG.warn("{}: {} (further refusals are counted until the store takes readings again)",
                            reading.channel(), e.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.error("reading listener {} failed on {}", listener.getClass().getName(), reading.channel(), e);
            }
        }
        if (refused) {
            refusedInARow.incrementAndGet();
        } else {
            long before = refusedInARow.getAndSet(0);
            if (before > 0) {
                LOG.info("{}: the store takes readings again, after {} refused", reading.channel(), before);
            }
        }
    }
}
