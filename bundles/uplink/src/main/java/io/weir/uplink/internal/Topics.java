package io.weir.uplink.internal;

import io.weir.api.store.MessageClass;

/** The topic tree of docs/protocol.md for one gateway. */
record Topics(String gatewayId) {

    String state() {
        return base() + "state";
    }

    String of(MessageClass cls) {
        return base() + (cls == MessageClass.ALARM ? "alarm" : "telemetry");
    }

    private String base() {
        return "weir/v1/" + gatewayId + "/";
    }
}
