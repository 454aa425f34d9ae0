package io.weir.cloud.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Keeps every rejected message with its reason and a {@link PayloadSample} of its payload (a few kilobytes, with the
 * full size and SHA-256), and at most {@value #MAX_ROWS} of them: junk never fills the database.
 */
public final class DeadLetterTable {
    static final int MAX_ROWS = 10_000;
    /** The oldest rows beyond the cap are deleted every this many inserts, not on each one. */
    private static final int TRIM_EVERY = 64;
    private static final String INSERT = "INSERT INTO dead_letter (id, received_at, topic, reason, payload, "
            + "payload_encoding, payload_bytes, payload_sha256, truncated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String TRIM = "DELETE FROM dead_letter WHERE received_at < (SELECT received_at FROM "
            + "dead_letter ORDER BY received_at DESC LIMIT 1 OFFSET " + (MAX_ROWS - 1) + ")";

    private final java.util.concurrent.atomic.AtomicLong inserts = new java.util.concurrent.atomic.AtomicLong();

    public void insert(Connection c, String topic, String reason, byte[] payload, Instant receivedAt)
            throws SQLException {
        PayloadSample sample = PayloadSample.of(payload);
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, UUID.randomUUID().toString());
            s.setLong(2, receivedAt.toEpochMilli());
            s.setString(3, topic);
            s.setString(4, reason);
            s.setString(5, sample.text());
            s.setString(6, sample.encoding());
            s.setLong(7, sample.bytes());
            s.setString(8, sample.sha256());
            s.setBoolean(9, sample.truncated());
            s.executeUpdate();
        }
        if (inserts.incrementAndGet() % TRIM_EVERY == 0) {
            try (PreparedStatement s = c.prepareStatement(TRIM)) {
                s.executeUpdate();
            }
        }
    }
}
