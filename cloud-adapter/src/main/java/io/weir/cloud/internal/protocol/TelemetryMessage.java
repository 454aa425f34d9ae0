package io.weir.cloud.internal.protocol;

import java.time.Instant;
import java.util.List;

public record TelemetryMessage(String gatewayId, long seq, Instant sentAt, List<Reading> readings)
        implements InboundMessage, Sequenced {
}
