package io.weir.rules.internal;

import java.util.concurrent.atomic.LongAdder;

/** Readings the rules evaluated and the time it took, counted since start. */
final class RulesWork {

    private final LongAdder readings = new LongAdder();
    private final LongAdder nanos = new LongAdder();

    void evaluated(int count, long tookNanos) {
        readings.add(count);
        nanos.add(tookNanos);
    }

    String json() {
        return "{\"readingsEvaluated\":" + readings.sum() + ",\"evaluationNanos\":" + nanos.sum() + "}";
    }
}
