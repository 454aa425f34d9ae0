package io.weir.cloud.internal.protocol;

import java.time.Instant;
import java.util.List;

public record AlarmMessage(String gatewayId, long seq, Instant sentAt, List<AlarmEvent> events)
        implements InboundMessage, Sequenced {
}
