package io.weir.cloud.internal.protocol;

import java.time.Instant;
import java.util.List;

/** Reads a state payload: birth, clean death or last will. */
final class StateReader {
    private StateReader() {
    }

    static StateMessage read(JsonFields root, String gatewayId) throws PayloadException {
        boolean online = root.requiredBoolean("online");
        if (online) {
            if (root.has("reason")) {
                throw new PayloadException("reason", "must be absent when online is true");
            }
            JsonFields runtime = root.object("runtime");
            runtime.requiredText("weir");
            return new StateMessage(gatewayId, true, root.requiredInstant("ts"), null,
                    root.raw("runtime").toString(), Site.read(root.object("site")), root.texts("profiles", 0),
                    DeployInventory.read(root.raw("status")));
        }
        String reason = root.requiredText("reason");
        Instant ts;
        switch (reason) {
            case StateMessage.REASON_SHUTDOWN -> ts = root.requiredInstant("ts");
            case StateMessage.REASON_CONNECTION_LOST -> ts = root.optionalInstant("ts");
            default -> throw new PayloadException("reason", "'" + reason + "' is not one of ["
                    + StateMessage.REASON_CONNECTION_LOST + ", " + StateMessage.REASON_SHUTDOWN + "]");
        }
        return new StateMessage(gatewayId, false, ts, reason, null, null, List.of(), null);
    }
}
