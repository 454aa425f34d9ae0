package io.weir.cloud.internal.store;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What is kept of a payload nobody can use (a rejected or quarantined message): its first {@code limit} bytes as
 * UTF-8 text (Base64 when they are not text), its full size and its SHA-256, so junk costs the database a few
 * kilobytes however large it was, and an operator can still tell two messages apart.
 *
 * @param text      the sample, as text
 * @param encoding  {@code utf-8} or {@code base64}
 * @param bytes     the payload's full size
 * @param sha256    lower-case hex SHA-256 of the whole payload
 * @param truncated whether the sample is shorter than the payload
 */
public record PayloadSample(String text, String encoding, long bytes, String sha256, boolean truncated) {
    /** Bytes of a payload kept in the dead-letter and quarantine tables. */
    public static final int LIMIT = 4096;

    public static PayloadSample of(byte[] payload) {
        return of(payload, LIMIT);
    }

    static PayloadSample of(byte[] payload, int limit) {
        int cut = Math.min(payload.length, limit);
        boolean truncated = cut < payload.length;
        // a cut may split a multi-byte character: drop up to three bytes of it rather than call the text binary
        for (int end = cut; end >= Math.max(0, cut - (truncated ? 3 : 0)); end--) {
            String text = utf8OrNull(payload, end);
            if (text != null) {
                return new PayloadSample(text, "utf-8", payload.length, sha256(payload), truncated);
            }
        }
        return new PayloadSample(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(payload, cut)), "base64",
                payload.length, sha256(payload), truncated);
    }

    private static String utf8OrNull(byte[] payload, int length) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload, 0, length))
                    .toString();
            // PostgreSQL TEXT cannot hold NUL characters
            return text.indexOf('\0') >= 0 ? null : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String sha256(byte[] payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
