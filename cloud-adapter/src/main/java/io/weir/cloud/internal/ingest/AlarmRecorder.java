package io.weir.cloud.internal.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.cloud.internal.cases.CaseRequestFactory;
import io.weir.cloud.internal.protocol.AlarmEvent;
import io.weir.cloud.internal.protocol.AlarmMessage;
import io.weir.cloud.internal.store.AlarmEventTable;
import io.weir.cloud.internal.store.AlarmRow;
import io.weir.cloud.internal.store.AlarmTable;
import io.weir.cloud.internal.store.CaseFollowUpTable;
import io.weir.cloud.internal.store.CaseOutboxTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Records alarm events in the caller's transaction: the event history, the alarm's current state, for the first
 * RAISED or ESCALATED event of an alarm its case request in the outbox, and for the other events the follow-ups
 * they ask of that case (update, recovery note, close request). Everything commits together, so an
 * event is never stored without its case nor a case queued twice.
 */
public final class AlarmRecorder {
    private final AlarmEventTable events;
    private final AlarmTable alarms;
    private final CaseOutboxTable outbox;
    private final CaseFollowUpTable followUps;
    private final CaseRequestFactory cases;
    private final ObjectMapper json;

    public AlarmRecorder(AlarmEventTable events, AlarmTable alarms, CaseOutboxTable outbox, CaseRequestFactory cases,
                  ObjectMapper json) {
        this(events, alarms, outbox, new CaseFollowUpTable(), cases, json);
    }

    public AlarmRecorder(AlarmEventTable events, AlarmTable alarms, CaseOutboxTable outbox,
                         CaseFollowUpTable followUps, CaseRequestFactory cases, ObjectMapper json) {
        this.events = events;
        this.alarms = alarms;
        this.outbox = outbox;
        this.followUps = followUps;
        this.cases = cases;
        this.json = json;
    }

    /** Returns the number of case requests queued. */
    int record(Connection c, AlarmMessage message, Instant receivedAt) throws SQLException {
        int queued = 0;
        for (AlarmEvent event : message.events()) {
            AlarmRow row = new AlarmRow(message.gatewayId(), message.seq(), event, write(event.channels()),
                    event.value() == null ? null : write(event.value()));
            if (!events.insert(c, row, receivedAt)) {
                continue;
            }
            alarms.apply(c, row);
            if (event.transition().opensCase()
                    && outbox.enqueue(c, event.alarmId(), message.gatewayId(), write(cases.create(event)),
                    receivedAt)) {
                queued++;
                continue;
            }
            for (CaseRequestFactory.FollowUp followUp : cases.followUps(event)) {
                if (followUps.enqueue(c, event.alarmId(), event.alarmSeq(), followUp.step(), followUp.kind(),
                        write(followUp.body()), receivedAt)) {
                    queued++;
                }
            }
        }
        return queued;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }
}
