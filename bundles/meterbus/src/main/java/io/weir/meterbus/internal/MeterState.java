package io.weir.meterbus.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** A meter's communication as the status shows it. */
final class MeterState {

    private final MeterOptions options;
    private boolean ok = true;
    private long polls;
    private long failures;
    private String lastFailure;

    MeterState(MeterOptions options) {
        this.options = options;
    }

    MeterOptions options() {
        return options;
    }

    synchronized boolean ok() {
        return ok;
    }

    synchronized void polled(boolean commOk, String failure) {
        polls++;
        ok = commOk;
        if (!commOk || failure != null) {
            failures++;
            lastFailure = failure;
        }
    }

    synchronized Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", options.deviceId());
        m.put("protocol", options.protocol().name());
        m.put("address", options.address());
        m.put("link", options.link());
        m.put("communicating", ok);
        m.put("polls", polls);
        m.put("failures", failures);
        m.put("lastFailure", lastFailure);
        return m;
    }
}
