package io.weir.cloud.internal.protocol;

import java.time.Instant;
import java.util.List;

/** A batch of gateway events (store evictions, deployment progress, ...), numbered like telemetry and alarms. */
public record EventMessage(String gatewayId, long seq, Instant sentAt, List<GatewayEventRecord> events)
        implements InboundMessage, Sequenced {
}
