package io.weir.cloud.internal.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.cloud.internal.protocol.AlarmMessage;
import io.weir.cloud.internal.protocol.InboundMessage;
import io.weir.cloud.internal.protocol.Sequenced;
import io.weir.cloud.internal.protocol.StateMessage;
import io.weir.cloud.internal.protocol.TelemetryMessage;
import io.weir.cloud.internal.store.GatewayTable;
import io.weir.cloud.internal.store.ReceivedMessageTable;
import io.weir.cloud.internal.store.TelemetryTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** Writes one valid message inside the caller's transaction, dropping a (gatewayId, seq) already committed. */
public final class MessageWriter {

    /** {@code casesQueued} is 0 for a duplicate. */
    public record Result(boolean duplicate, int casesQueued) {
    }

    private final ReceivedMessageTable received;
    private final TelemetryTable telemetry;
    private final GatewayTable gateways;
    private final AlarmRecorder alarms;
    private final ObjectMapper json;

    public MessageWriter(ReceivedMessageTable received, TelemetryTable telemetry, GatewayTable gateways,
                  AlarmRecorder alarms, ObjectMapper json) {
        this.received = received;
        this.telemetry = telemetry;
        this.gateways = gateways;
        this.alarms = alarms;
        this.json = json;
    }

    Result write(Connection c, InboundMessage message, Instant now) throws SQLException {
        if (message instanceof Sequenced sequenced
                && !received.recordFirst(c, sequenced.gatewayId(), sequenced.seq(), kind(message), now)) {
            return new Result(true, 0);
        }
        int casesQueued = 0;
        if (message instanceof StateMessage state) {
            gateways.applyState(c, state, state.online() ? profiles(state) : null, now);
        } else if (message instanceof TelemetryMessage batch) {
            telemetry.insert(c, batch);
            gateways.touch(c, batch.gatewayId(), now);
        } else if (message instanceof AlarmMessage batch) {
            casesQueued = alarms.record(c, batch, now);
            gateways.touch(c, batch.gatewayId(), now);
        }
        return new Result(false, casesQueued);
    }

    private static String kind(InboundMessage message) {
        return message instanceof TelemetryMessage ? "telemetry" : "alarm";
    }

    private String profiles(StateMessage state) {
        try {
            return json.writeValueAsString(state.profiles());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize profiles", e);
        }
    }
}
