package io.weir.cloud.internal.protocol;

import java.time.Instant;
import java.util.List;

/** One alarm lifecycle event; {@code value} is a Double, Boolean, String or null; threshold and window may be null. */
public record AlarmEvent(String alarmId, String ruleId, List<String> channels, AlarmLevel level,
                         AlarmTransition transition, Object value, Double threshold, String window, int alarmSeq,
                         Instant ts, Site site) {
}
