package io.weir.cloud.internal.gateways;

import io.weir.cloud.gateways.QuarantinedMessage;
import io.weir.cloud.gateways.RegisteredGateway;
import io.weir.cloud.gateways.UnknownGateway;
import io.weir.cloud.internal.deploy.Rows;
import io.weir.cloud.internal.store.PayloadSample;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The registry's tables: registered gateways, unknown gateway ids with their message counts, and their quarantined
 * messages, bounded to {@value #KEPT_PER_GATEWAY} per gateway id, {@value #KEPT_IN_ALL} in all and
 * {@value #UNKNOWN_IDS_KEPT} unknown ids; beyond that a stranger's message is only counted in memory.
 */
public final class RegistryTables {
    static final int KEPT_PER_GATEWAY = 20;
    static final int KEPT_IN_ALL = 1000;
    static final int UNKNOWN_IDS_KEPT = 10_000;

    /** The ids among {@code gatewayIds} that are registered. */
    public Set<String> registered(Connection c, Collection<String> gatewayIds) throws SQLException {
        Set<String> found = new HashSet<>();
        if (gatewayIds.isEmpty()) {
            return found;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(gatewayIds.size(), "?"));
        found.addAll(Rows.list(c, "SELECT gateway_id FROM registered_gateway WHERE gateway_id IN (" + marks + ")",
                r -> r.getString(1), gatewayIds.toArray()));
        return found;
    }

    /** Registers the id, or updates its note when it is registered and a note is given; true if it was new. */
    boolean register(Connection c, String gatewayId, String note, String by, Instant now) throws SQLException {
        if (Rows.update(c, "UPDATE registered_gateway SET note = COALESCE(?, note) WHERE gateway_id = ?", note,
                gatewayId) > 0) {
            return false;
        }
        Rows.update(c, "INSERT INTO registered_gateway (gateway_id, registered_at, registered_by, note) "
                + "VALUES (?, ?, ?, ?)", gatewayId, now, by, note);
        return true;
    }

    boolean deregister(Connection c, String gatewayId) throws SQLException {
        return Rows.update(c, "DELETE FROM registered_gateway WHERE gateway_id = ?", gatewayId) > 0;
    }

    List<RegisteredGateway> all(Connection c) throws SQLException {
        return Rows.list(c, "SELECT * FROM registered_gateway ORDER BY gateway_id", r -> new RegisteredGateway(
                r.getString("gateway_id"), Rows.time(r, "registered_at"), r.getString("registered_by"),
                r.getString("note")));
    }

    List<UnknownGateway> unknown(Connection c) throws SQLException {
        return Rows.list(c, "SELECT * FROM unknown_gateway ORDER BY last_seen_at DESC, gateway_id", r ->
                new UnknownGateway(r.getString("gateway_id"), Rows.time(r, "first_seen_at"),
                        Rows.time(r, "last_seen_at"), r.getLong("messages")));
    }

    List<QuarantinedMessage> quarantined(Connection c, String gatewayId, int limit) throws SQLException {
        return Rows.list(c, "SELECT * FROM quarantined_message WHERE gateway_id = ? ORDER BY received_at DESC, id "
                + "LIMIT " + limit, r -> new QuarantinedMessage(r.getString("gateway_id"),
                Rows.time(r, "received_at"), r.getString("topic"), r.getString("payload"),
                r.getString("payload_encoding"), r.getLong("payload_bytes"), r.getString("payload_sha256"),
                r.getBoolean("truncated")), gatewayId);
    }

    /**
     * Counts the message against its gateway id and keeps a sample of it, within the bounds.
     *
     * @return false when the id could not be tracked (too many unknown ids): the message was only counted by the caller
     */
    public boolean quarantine(Connection c, String gatewayId, String topic, byte[] payload, Instant now)
            throws SQLException {
        if (Rows.update(c, "UPDATE unknown_gateway SET last_seen_at = ?, messages = messages + 1 WHERE gateway_id = ?",
                now, gatewayId) == 0) {
            long known = Rows.list(c, "SELECT COUNT(*) FROM unknown_gateway", r -> r.getLong(1)).get(0);
            if (known >= UNKNOWN_IDS_KEPT) {
                return false;
            }
            Rows.update(c, "INSERT INTO unknown_gateway (gateway_id, first_seen_at, last_seen_at, messages) "
                    + "VALUES (?, ?, ?, 1)", gatewayId, now, now);
        }
        PayloadSample sample = PayloadSample.of(payload);
        Rows.update(c, "INSERT INTO quarantined_message (id, gateway_id, received_at, topic, payload, payload_encoding, "
                + "payload_bytes, payload_sha256, truncated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), gatewayId, now, topic, sample.text(), sample.encoding(), sample.bytes(),
                sample.sha256(), sample.truncated());
        trim(c, "gateway_id = ?", KEPT_PER_GATEWAY, gatewayId);
        trim(c, "1 = 1", KEPT_IN_ALL);
        return true;
    }

    /** Deletes the oldest quarantined messages matching {@code where} beyond the newest {@code keep}. */
    private static void trim(Connection c, String where, int keep, Object... params) throws SQLException {
        List<String> beyond = Rows.list(c, "SELECT id FROM quarantined_message WHERE " + where
                + " ORDER BY received_at DESC, id DESC LIMIT 100 OFFSET " + keep, r -> r.getString(1), params);
        for (String id : beyond) {
            Rows.update(c, "DELETE FROM quarantined_message WHERE id = ?", id);
        }
    }
}
