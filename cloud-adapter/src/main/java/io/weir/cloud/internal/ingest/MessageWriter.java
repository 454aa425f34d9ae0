package io.weir.cloud.internal.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.cloud.internal.deploy.DeployReports;
import io.weir.cloud.internal.protocol.AlarmMessage;
import io.weir.cloud.internal.protocol.CommandReply;
import io.weir.cloud.internal.protocol.EventMessage;
import io.weir.cloud.internal.protocol.InboundMessage;
import io.weir.cloud.internal.protocol.Sequenced;
import io.weir.cloud.internal.protocol.StateMessage;
import io.weir.cloud.internal.protocol.TelemetryMessage;
import io.weir.cloud.internal.store.GatewayTable;
import io.weir.cloud.internal.store.LatestReadingTable;
import io.weir.cloud.internal.store.ReceivedMessageTable;
import io.weir.cloud.internal.store.TelemetryTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** Writes valid messages inside the caller's transaction, dropping a (gatewayId, seq) already committed. */
public final class MessageWriter {

    /** {@code casesQueued} and {@code jobsMoved} are 0 for a duplicate. */
    public record Result(boolean duplicate, int casesQueued, int jobsMoved) {
    }

    private final ReceivedMessageTable received;
    private final TelemetryTable telemetry;
    private final GatewayTable gateways;
    private final AlarmRecorder alarms;
    private final ObjectMapper json;
    private final LatestReadingTable latest;
    private final DeployReports deployments;

    public MessageWriter(ReceivedMessageTable received, TelemetryTable telemetry, GatewayTable gateways,
                         AlarmRecorder alarms, LatestReadingTable latest, DeployReports deployments,
                         ObjectMapper json) {
        this.latest = latest;
        this.deployments = deployments;
        this.received = received;
        this.telemetry = telemetry;
        this.gateways = gateways;
        this.alarms = alarms;
        this.json = json;
    }

    Result write(Connection c, InboundMessage message, Instant now) throws SQLException {
        try (Batch batch = batch(c, now)) {
            Result result = batch.write(message);
            batch.finish();
            return result;
        }
    }

    /** Starts the writes of one transaction that holds many messages; {@link Batch#finish} before the commit. */
    Batch batch(Connection c, Instant now) {
        return new Batch(c, now);
    }

    /**
     * The messages of one transaction, in order. Duplicates are filtered per message as it comes (a second copy in
     * the same batch is a duplicate too, since the first one's row is visible to the transaction); the readings of
     * all telemetry messages are collected into one JDBC batch and each gateway's last-seen is set once, both in
     * {@link #finish}, with the newest reading of each channel. Nothing reads the readings or last-seen inside the
     * transaction, so deferring them changes no outcome; alarm, event and state messages are written as they come,
     * so their order is kept.
     */
    final class Batch implements AutoCloseable {
        private final Connection c;
        private final Instant now;
        private final Set<String> seen = new LinkedHashSet<>();
        private final LatestReadingTable.Newest newest = new LatestReadingTable.Newest();
        private PreparedStatement readings;
        private boolean readingsPending;

        private Batch(Connection c, Instant now) {
            this.c = c;
            this.now = now;
        }

        Result write(InboundMessage message) throws SQLException {
            if (message instanceof Sequenced sequenced
                    && !received.recordFirst(c, sequenced.gatewayId(), sequenced.seq(), kind(message), now)) {
                return new Result(true, 0, 0);
            }
            int casesQueued = 0;
            int jobsMoved = 0;
            if (message instanceof StateMessage state) {
                gateways.applyState(c, state, state.online() ? profiles(state) : null, now);
                deployments.record(c, state, now);
            } else if (message instanceof TelemetryMessage batch) {
                if (readings == null) {
                    readings = telemetry.prepare(c);
                }
                telemetry.add(readings, batch);
                newest.add(batch);
                readingsPending = true;
                seen.add(batch.gatewayId());
            } else if (message instanceof AlarmMessage batch) {
                casesQueued = alarms.record(c, batch, now);
                seen.add(batch.gatewayId());
            } else if (message instanceof EventMessage batch) {
                jobsMoved = deployments.record(c, batch, now);
                seen.add(batch.gatewayId());
            } else if (message instanceof CommandReply reply) {
                jobsMoved = deployments.record(c, reply, now) ? 1 : 0;
            }
            return new Result(false, casesQueued, jobsMoved);
        }

        /** Sends the collected readings and last-seen updates; still inside the caller's transaction. */
        void finish() throws SQLException {
            if (readingsPending) {
                readings.executeBatch();
                readingsPending = false;
                latest.upsert(c, newest);
                newest.clear();
            }
            for (String gatewayId : seen) {
                gateways.touch(c, gatewayId, now);
            }
            seen.clear();
        }

        @Override
        public void close() throws SQLException {
            if (readings != null) {
                readings.close();
            }
        }
    }

    private static String kind(InboundMessage message) {
        return message instanceof TelemetryMessage ? "telemetry" : message instanceof EventMessage ? "event" : "alarm";
    }

    private String profiles(StateMessage state) {
        try {
            return json.writeValueAsString(state.profiles());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize profiles", e);
        }
    }
}
