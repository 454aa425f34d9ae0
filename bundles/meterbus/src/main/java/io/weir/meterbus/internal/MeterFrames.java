package io.weir.meterbus.internal;

import java.io.IOException;
import java.util.Arrays;

/**
 * What DL/T 645-2007 and CJ/T 188-2004 frames share: wake-up bytes FE before the frame, start 68, a one-byte data
 * length at a fixed place, a checksum (sum of every byte from the first 68 to the end of the data, modulo 256) and
 * the end byte 16. Reads one answer from a link, skipping the wake-up bytes and anything before the start.
 */
final class MeterFrames {

    static final int PREAMBLE = 0xFE;
    static final int START = 0x68;
    static final int END = 0x16;

    private MeterFrames() {
    }

    static int checksum(byte[] frame, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i++) {
            sum += frame[i] & 0xFF;
        }
        return sum & 0xFF;
    }

    /** {@code frame} with {@code wakeUp} FE bytes before it. */
    static byte[] withPreamble(byte[] frame, int wakeUp) {
        byte[] out = new byte[wakeUp + frame.length];
        Arrays.fill(out, 0, wakeUp, (byte) PREAMBLE);
        System.arraycopy(frame, 0, out, wakeUp, frame.length);
        return out;
    }

    /**
     * Reads one frame whose data length byte is at {@code lengthAt} (from the start byte): the frame from 68 to 16,
     * checked.
     *
     * @throws MeterException TIMEOUT when no whole frame came in {@code timeoutMillis}, BAD_FRAME when its checksum
     *                        or end byte is wrong
     */
    static byte[] read(Link link, int lengthAt, int timeoutMillis) throws IOException, MeterException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        byte[] buffer = new byte[lengthAt + 1 + 255 + 2];
        byte[] chunk = new byte[64];
        int have = 0;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new MeterException(MeterException.Kind.TIMEOUT, have == 0 ? "no answer within " + timeoutMillis
                        + " ms" : "answer incomplete after " + timeoutMillis + " ms (" + have + " bytes)");
            }
            int n = link.read(chunk, 0, chunk.length, (int) left);
            for (int i = 0; i < n; i++) {
                int b = chunk[i] & 0xFF;
                if (have == 0 && b != START) {
                    continue; // wake-up bytes and line noise before the frame
                }
                if (have < buffer.length) {
                    buffer[have++] = (byte) b;
                }
            }
            if (have > lengthAt) {
                int total = lengthAt + 1 + (buffer[lengthAt] & 0xFF) + 2;
                if (have >= total) {
                    return checked(Arrays.copyOf(buffer, total));
                }
            }
        }
    }

    /**
     * {@code frame}, from its start byte 68 to its end byte, when its checksum and end byte are right.
     *
     * @throws MeterException BAD_FRAME naming the checksum sent and the one computed, and the end byte
     */
    static byte[] checked(byte[] frame) throws MeterException {
        int total = frame.length;
        int cs = checksum(frame, 0, total - 2);
        if ((frame[total - 2] & 0xFF) != cs || (frame[total - 1] & 0xFF) != END) {
            throw new MeterException(MeterException.Kind.BAD_FRAME, String.format("checksum %02X, computed %02X;"
                    + " end byte %02X", frame[total - 2] & 0xFF, cs, frame[total - 1] & 0xFF));
        }
        return frame;
    }
}
