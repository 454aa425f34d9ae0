package io.weir.cloud.internal.store;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Keeps every rejected message with its reason, byte for byte (Base64 when the payload is not UTF-8). */
public final class DeadLetterTable {
    private static final String INSERT = "INSERT INTO dead_letter (id, received_at, topic, reason, payload, "
            + "payload_encoding) VALUES (?, ?, ?, ?, ?, ?)";

    public void insert(Connection c, String topic, String reason, byte[] payload, Instant receivedAt)
            throws SQLException {
        String text = utf8OrNull(payload);
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, UUID.randomUUID().toString());
            s.setLong(2, receivedAt.toEpochMilli());
            s.setString(3, topic);
            s.setString(4, reason);
            s.setString(5, text != null ? text : Base64.getEncoder().encodeToString(payload));
            s.setString(6, text != null ? "utf-8" : "base64");
            s.executeUpdate();
        }
    }

    private static String utf8OrNull(byte[] payload) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
            // PostgreSQL TEXT cannot hold NUL characters
            return text.indexOf('\0') >= 0 ? null : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
