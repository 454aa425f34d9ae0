package io.weir.sl651.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a message whose body does not fit one frame into SL 651's multi-packet form, the reverse of
 * {@link PacketAssembler}: each packet starts with SYN (16H) and the packet count and number (HEX 3 bytes, 12 bits
 * each; ASCII 6 hexadecimal characters), carries the next piece of the body, and ends with ETB (17H), the last one
 * with the message's own end marker. The body is cut by length alone, so the receiver puts the pieces back
 * together in order before reading them (the first packet has the serial number and send time).
 */
final class PacketSplitter {

    /** The most body one frame carries: the length field has 12 bits. */
    static final int FRAME_BODY_LIMIT = Frame.MAX_BODY;

    private PacketSplitter() {
    }

    /**
     * What every frame of one message shares.
     *
     * @param end the message's end marker, which its last packet carries
     */
    record Envelope(Encoding encoding, boolean down, int centre, String station, int password, int function,
                    int end) {

        Frame frame(int total, int number, byte[] body, int end) {
            return new Frame(encoding, down, centre, station, password, function, total, number, body, end);
        }
    }

    /**
     * The frames that carry a message's {@code body}: one frame when the body fits {@code limit} bytes, else its
     * packets in order, each body no longer than {@code limit} with the packet count and number counted.
     */
    static List<Frame> split(Envelope message, byte[] body, int limit) {
        if (body.length <= limit) {
            return List.of(message.frame(0, 0, body, message.end()));
        }
        int piece = limit - (message.encoding() == Encoding.HEX ? 3 : 6);
        if (piece < 1) {
            throw new IllegalArgumentException("a packet body limit of " + limit + " bytes leaves no room for data");
        }
        int total = (body.length + piece - 1) / piece;
        if (total > 0xFFF) {
            throw new IllegalArgumentException("a body of " + body.length + " bytes needs " + total
                    + " packets; the packet count has 12 bits");
        }
        var packets = new ArrayList<Frame>(total);
        for (int n = 1; n <= total; n++) {
            byte[] part = Arrays.copyOfRange(body, (n - 1) * piece, Math.min(body.length, n * piece));
            packets.add(message.frame(total, n, part, n == total ? message.end() : Markers.ETB));
        }
        return packets;
    }
}
