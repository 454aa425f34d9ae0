package io.weir.cloud.internal.ingest;

import java.util.concurrent.atomic.AtomicLong;

/** Message counters since start. */
public final class IngestCounters {
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong storeFailures = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();

    void count(IngestOutcome outcome) {
        switch (outcome) {
            case STORED -> stored.incrementAndGet();
            case DUPLICATE -> duplicates.incrementAndGet();
            case REJECTED -> rejected.incrementAndGet();
            case QUARANTINED -> quarantined.incrementAndGet();
        }
    }

    void countStoreFailure() {
        storeFailures.incrementAndGet();
    }

    public long stored() {
        return stored.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    public long rejected() {
        return rejected.get();
    }

    public long quarantined() {
        return quarantined.get();
    }

    public long storeFailures() {
        return storeFailures.get();
    }
}
