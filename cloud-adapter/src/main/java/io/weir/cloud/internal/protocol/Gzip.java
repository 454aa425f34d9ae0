package io.weir.cloud.internal.protocol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** The compression of compact telemetry: recognised by gzip's magic bytes, inflated within a bound. */
final class Gzip {
    /**
     * The most a compact payload may inflate to. A compact batch is smaller than the JSON batch it replaces, which
     * the gateway caps far below this (256 KiB by default); more is a decompression bomb, not data.
     */
    static final int MAX_INFLATED_BYTES = 16 * 1024 * 1024;

    private Gzip() {
    }

    /** Whether the payload starts with gzip's magic bytes (no JSON text can: it would start with '{'). */
    static boolean isGzip(byte[] payload) {
        return payload.length >= 2 && (payload[0] & 0xff) == 0x1f && (payload[1] & 0xff) == 0x8b;
    }

    static byte[] inflate(byte[] payload) throws PayloadException {
        var out = new ByteArrayOutputStream(payload.length * 8);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(payload))) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (out.size() + n > MAX_INFLATED_BYTES) {
                    throw new PayloadException("$", "gzip payload inflates to more than " + MAX_INFLATED_BYTES
                            + " bytes");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new PayloadException("$", "corrupt gzip payload (" + payload.length + " bytes): " + e.getMessage());
        }
        return out.toByteArray();
    }
}
