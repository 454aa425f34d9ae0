package io.weir.uplink.internal;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Sits between the socket and Paho's reader and keeps any MQTT packet from the broker under a size, because Paho
 * (3.1.1 has no maximum packet size to negotiate) allocates each packet whole: one 150 MB command killed its
 * receiver thread, and retained, put the gateway in a reconnect loop. An oversized PUBLISH is passed on with its
 * topic and packet id but an empty payload, read past without being held, so Paho acknowledges it and the
 * connection lives on; the owner is told ({@link Listener}). Any other oversized packet ends the connection.
 *
 * <p>Paho reads with a socket timeout and resumes after it, so every step keeps its state in fields: a timeout
 * between two reads loses nothing.
 */
final class MqttPacketLimiter extends FilterInputStream {

    /** Told of each oversized PUBLISH, on Paho's reader thread. */
    interface Listener {
        void oversized(String topic, long bytes);
    }

    private static final int PUBLISH = 3;

    private enum Step { HEADER, PASS, VARIABLE_HEADER, SKIP }

    private final int maxPacket;
    private final Listener listener;
    private Step step = Step.HEADER;
    private final byte[] header = new byte[5];
    private int headerLength;
    private long remaining; // PASS: bytes of the packet still to pass on; SKIP: payload bytes still to read past
    private byte[] variable; // VARIABLE_HEADER: topic length, topic and packet id of an oversized PUBLISH
    private int variableLength;
    private boolean topicLengthRead;
    private long packetLength;
    private byte[] pending; // bytes to hand out before reading on
    private int pendingAt;
    private final byte[] scratch = new byte[8192];

    MqttPacketLimiter(InputStream in, int maxPacket, Listener listener) {
        super(in);
        this.maxPacket = maxPacket;
        this.listener = listener;
    }

    /**
     * A limiter over a socket's stream, buffered: it reads each packet's header a byte at a time, and a buffer makes
     * those reads cost no system call. A socket timeout inside the buffer's refill loses nothing either.
     */
    static MqttPacketLimiter over(InputStream socket, int maxPacket, Listener listener) {
        return new MqttPacketLimiter(new BufferedInputStream(socket, 8192), maxPacket, listener);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (true) {
            if (pending != null) {
                int n = Math.min(length, pending.length - pendingAt);
                System.arraycopy(pending, pendingAt, buffer, offset, n);
                pendingAt += n;
                if (pendingAt == pending.length) {
                    pending = null;
                }
                return n;
            }
            switch (step) {
                case HEADER -> {
                    int b = in.read();
                    if (b < 0) {
                        if (headerLength == 0) {
                            return -1;
                        }
                        throw new EOFException("the broker's connection ended inside a packet header");
                    }
                    header[headerLength++] = (byte) b;
                    if (headerLength >= 2 && (b & 0x80) == 0) {
                        headerRead();
                    } else if (headerLength == header.length) {
                        throw new IOException("malformed MQTT packet length from the broker");
                    }
                }
                case PASS -> {
                    int n = in.read(buffer, offset, (int) Math.min(length, remaining));
                    if (n < 0) {
                        throw new EOFException("the broker's connection ended inside a packet");
                    }
                    remaining -= n;
                    if (remaining == 0) {
                        step = Step.HEADER;
                    }
                    return n;
                }
                case VARIABLE_HEADER -> readVariableHeader();
                case SKIP -> skipPayload();
            }
        }
    }

    private void headerRead() throws IOException {
        long length = 0;
        for (int i = headerLength - 1; i >= 1; i--) {
            length = (length << 7) | (header[i] & 0x7f);
        }
        int type = (header[0] & 0xff) >> 4;
        if (length <= maxPacket) {
            pending = java.util.Arrays.copyOf(header, headerLength);
            pendingAt = 0;
            headerLength = 0;
            remaining = length;
            step = length == 0 ? Step.HEADER : Step.PASS;
            return;
        }
        if (type != PUBLISH) {
            throw new IOException("the broker sent an MQTT packet of type " + type + " and " + length
                    + " bytes, more than the limit of " + maxPacket);
        }
        packetLength = length;
        int qos = (header[0] >> 1) & 3;
        variable = new byte[2]; // the topic's length first; then its room is known
        variableLength = 0;
        topicLengthRead = false;
        remaining = qos > 0 ? 2 : 0; // the packet id, after the topic
        step = Step.VARIABLE_HEADER;
    }

    private void readVariableHeader() throws IOException {
        int n = in.read(variable, variableLength, variable.length - variableLength);
        if (n < 0) {
            throw new EOFException("the broker's connection ended inside a packet");
        }
        variableLength += n;
        if (variableLength < variable.length) {
            return;
        }
        if (!topicLengthRead) {
            topicLengthRead = true;
            int topicLength = ((variable[0] & 0xff) << 8) | (variable[1] & 0xff);
            long needed = 2L + topicLength + remaining;
            if (needed > packetLength) {
                throw new IOException("malformed MQTT PUBLISH from the broker");
            }
            variable = java.util.Arrays.copyOf(variable, (int) needed);
            if (variableLength < variable.length) {
                return;
            }
        }
        int topicLength = ((variable[0] & 0xff) << 8) | (variable[1] & 0xff);
        listener.oversized(new String(variable, 2, topicLength, StandardCharsets.UTF_8), packetLength);
        remaining = packetLength - variable.length;
        step = Step.SKIP;
    }

    private void skipPayload() throws IOException {
        while (remaining > 0) {
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, remaining));
            if (n < 0) {
                throw new EOFException("the broker's connection ended inside a packet");
            }
            remaining -= n;
        }
        // the same PUBLISH, with nothing after its variable header
        byte[] length = encodedLength(variable.length);
        pending = new byte[1 + length.length + variable.length];
        pending[0] = header[0];
        System.arraycopy(length, 0, pending, 1, length.length);
        System.arraycopy(variable, 0, pending, 1 + length.length, variable.length);
        pendingAt = 0;
        headerLength = 0;
        variable = null;
        step = Step.HEADER;
    }

    private static byte[] encodedLength(int length) {
        byte[] bytes = new byte[4];
        int n = 0;
        do {
            int digit = length % 128;
            length /= 128;
            bytes[n++] = (byte) (length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        return java.util.Arrays.copyOf(bytes, n);
    }

    @Override
    public int available() throws IOException {
        return pending != null ? pending.length - pendingAt : step == Step.PASS
                ? (int) Math.min(in.available(), remaining) : 0;
    }

    @Override
    public long skip(long n) throws IOException {
        return n <= 0 ? 0 : Math.max(0, read(scratch, 0, (int) Math.min(scratch.length, n)));
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
