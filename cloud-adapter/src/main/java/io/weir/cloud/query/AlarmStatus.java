package io.weir.cloud.query;

import java.time.Instant;

/** The current state of one alarm occurrence, settled by its highest alarmSeq. */
public record AlarmStatus(String alarmId, String gatewayId, String ruleId, String level, String lastTransition,
                          int lastAlarmSeq, Instant updatedAt, Instant raisedAt, Instant clearedAt,
                          Instant acknowledgedAt) {

    /** True until a CLEARED event has been received, whatever order the events came in. */
    public boolean active() {
        return clearedAt == null;
    }
}
