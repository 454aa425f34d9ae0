package io.weir.cloud.query;

import java.time.Instant;

/** One alarm lifecycle event as stored; {@code seq} is the gateway message that carried it. */
public record StoredAlarmEvent(String alarmId, int alarmSeq, long seq, String transition, String level, Instant ts) {
}
