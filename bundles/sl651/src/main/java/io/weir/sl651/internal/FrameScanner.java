package io.weir.sl651.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a TCP byte stream into frames. Bytes before a frame start (7E 7E, or SOH) are dropped and counted as noise;
 * a header announcing more than the longest frame, or bytes that cannot start a frame, never make it wait forever.
 * The buffer grows with what is pending, so a connected but quiet station costs a few hundred bytes.
 */
final class FrameScanner {

    /** The longest frame: ASCII header, markers, 4095 body characters and the CRC. */
    static final int MAX_FRAME = FrameCodec.ASCII_HEADER + 1 + Frame.MAX_BODY + 1 + 4;

    private byte[] buffer = new byte[0];
    private int length;
    private long noise;

    /** Adds received bytes; returns the frames they complete, in order. */
    List<byte[]> add(byte[] data, int offset, int count) {
        ensure(length + count);
        System.arraycopy(data, offset, buffer, length, count);
        length += count;
        var frames = new ArrayList<byte[]>();
        int at = 0;
        while (at < length) {
            int b = buffer[at] & 0xFF;
            boolean start = (b == Markers.SOH_HEX && (at + 1 >= length || (buffer[at + 1] & 0xFF) == Markers.SOH_HEX))
                    || b == Markers.SOH_ASCII;
            if (!start) {
                at++;
                noise++;
                continue;
            }
            int frameLength;
            try {
                frameLength = FrameCodec.frameLength(buffer, at, length - at);
            } catch (FrameException e) {
                at++;
                noise++;
                continue;
            }
            if (frameLength < 0 || at + frameLength > length) {
                // a frame cut short must not hide the good one that follows it: wait only if none follows
                int next = nextValidFrame(at + 1, length);
                if (next < 0) {
                    break; // wait for the rest
                }
                noise += next - at;
                at = next;
                continue;
            }
            if (!crcHolds(at, frameLength)) {
                int next = nextValidFrame(at + 1, at + frameLength);
                if (next >= 0) {
                    noise += next - at;
                    at = next;
                    continue;
                }
            }
            frames.add(Arrays.copyOfRange(buffer, at, at + frameLength));
            at += frameLength;
        }
        System.arraycopy(buffer, at, buffer, 0, length - at);
        length -= at;
        if (buffer.length > 512 && length < buffer.length / 4) {
            buffer = Arrays.copyOf(buffer, Math.max(length, 256));
        }
        return frames;
    }

    /** Where the first complete frame with a good CRC starts in {@code [from, before)}, or -1. */
    private int nextValidFrame(int from, int before) {
        for (int j = from; j < before; j++) {
            int b = buffer[j] & 0xFF;
            if (b != Markers.SOH_HEX && b != Markers.SOH_ASCII) {
                continue;
            }
            try {
                int n = FrameCodec.frameLength(buffer, j, length - j);
                if (n > 0 && j + n <= length && crcHolds(j, n)) {
                    return j;
                }
            } catch (FrameException e) {
                // not a start
            }
        }
        return -1;
    }

    private boolean crcHolds(int at, int frameLength) {
        boolean hex = (buffer[at] & 0xFF) == Markers.SOH_HEX;
        int crcLength = hex ? 2 : 4;
        int computed = Crc16.of(buffer, at, at + frameLength - crcLength);
        if (hex) {
            return computed == (((buffer[at + frameLength - 2] & 0xFF) << 8) | (buffer[at + frameLength - 1] & 0xFF));
        }
        String sent = new String(buffer, at + frameLength - 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
        return String.format("%04X", computed).equalsIgnoreCase(sent);
    }

    /** Bytes dropped since the last call because no frame started there. */
    long takeNoise() {
        long n = noise;
        noise = 0;
        return n;
    }

    private void ensure(int capacity) {
        if (capacity > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(capacity, Math.min(2 * buffer.length + 64, MAX_FRAME + 4096)));
        }
    }
}
