package io.weir.cloud.deploy;

import java.time.Instant;

/** A gateway event as stored: the message it came in, its type, source, time, job (deploy events) and body. */
public record StoredGatewayEvent(String gatewayId, long seq, int index, String type, String source, Instant ts,
                                 String jobId, String bodyJson) {
}
