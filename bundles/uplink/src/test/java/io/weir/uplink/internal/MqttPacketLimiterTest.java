package io.weir.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The limiter on streams made byte for byte as a broker sends them, a 150 MB command among them. */
class MqttPacketLimiterTest {

    private static final String TOPIC = "weir/v1/gw-1/cmd/modbus-write";
    private final List<String> oversized = new ArrayList<>();

    @Test
    void a150MegabyteCommandIsPassedOnWithoutItsPayloadAndWithoutBeingHeldInMemory() throws Exception {
        long payload = 150L << 20;
        byte[] ping = {(byte) 0xd0, 0x00};
        byte[] small = publish(1, 7, "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
        InputStream broker = new Concatenated(header(1, 42, payload), new Zeros(payload), ping, small);

        byte[] seen = readAll(new MqttPacketLimiter(broker, 64 * 1024 + 1024, (t, b) -> oversized.add(t + " " + b)));

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(publish(1, 42, new byte[0]));
        expected.writeBytes(ping);
        expected.writeBytes(small);
        assertThat(seen).isEqualTo(expected.toByteArray());
        assertThat(oversized).containsExactly(TOPIC + " " + (2 + TOPIC.length() + 2 + payload));
    }

    @Test
    void aSocketTimeoutBetweenReadsLosesNothing() throws Exception {
        byte[] stream = new Concatenated(header(1, 9, 100_000), new Zeros(100_000), publish(0, 0, new byte[10]))
                .readAllBytes();
        var limiter = new MqttPacketLimiter(new TimingOut(stream), 1024, (t, b) -> oversized.add(t));

        byte[] seen = readAll(limiter);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(publish(1, 9, new byte[0]));
        expected.writeBytes(publish(0, 0, new byte[10]));
        assertThat(seen).isEqualTo(expected.toByteArray());
        assertThat(oversized).containsExactly(TOPIC);
    }

    @Test
    void anOversizedPacketOfAnotherKindEndsTheConnection() {
        byte[] suback = {(byte) 0x90, (byte) 0x80, (byte) 0x80, 0x01}; // 16384 bytes announced
        var limiter = new MqttPacketLimiter(new Concatenated(suback), 1024, (t, b) -> { });

        assertThatThrownBy(() -> limiter.read(new byte[16])).isInstanceOf(IOException.class)
                .hasMessage("the broker sent an MQTT packet of type 9 and 16384 bytes, more than the limit of 1024");
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (true) {
            int n;
            try {
                n = in.read(buffer, 0, buffer.length);
            } catch (SocketTimeoutException e) {
                continue; // as Paho's reader does
            }
            if (n < 0) {
                return out.toByteArray();
            }
            out.write(buffer, 0, n);
        }
    }

    /** A PUBLISH's fixed and variable header for a payload of {@code payload} bytes. */
    private static byte[] header(int qos, int packetId, long payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] topic = TOPIC.getBytes(StandardCharsets.UTF_8);
        long length = 2 + topic.length + (qos > 0 ? 2 : 0) + payload;
        out.write(0x30 | (qos << 1));
        do {
            int digit = (int) (length % 128);
            length /= 128;
            out.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        out.write(topic.length >> 8);
        out.write(topic.length & 0xff);
        out.writeBytes(topic);
        if (qos > 0) {
            out.write(packetId >> 8);
            out.write(packetId & 0xff);
        }
        return out.toByteArray();
    }

    private static byte[] publish(int qos, int packetId, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(qos, packetId, payload.length));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** {@code n} zero bytes, made as they are read. */
    private static final class Zeros extends InputStream {
        private long left;

        Zeros(long n) {
            left = n;
        }

        @Override
        public int read() {
            return left-- > 0 ? 0 : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }

    /** Streams and byte arrays one after the other. */
    private static final class Concatenated extends BulkStream {
        private final List<InputStream> parts = new ArrayList<>();

        Concatenated(Object... parts) {
            for (Object part : parts) {
                this.parts.add(part instanceof byte[] bytes ? new java.io.ByteArrayInputStream(bytes)
                        : (InputStream) part);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (!parts.isEmpty()) {
                int n = parts.get(0).read(b, off, len);
                if (n >= 0) {
                    return n;
                }
                parts.remove(0);
            }
            return -1;
        }
    }

    /** Gives at most 3 bytes a read, and a socket timeout before every other read, as a slow link does. */
    private static final class TimingOut extends BulkStream {
        private final byte[] bytes;
        private int at;
        private boolean timeOut;

        TimingOut(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            timeOut = !timeOut;
            if (timeOut) {
                throw new SocketTimeoutException("Read timed out");
            }
            if (at == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 3), bytes.length - at);
            System.arraycopy(bytes, at, b, off, n);
            at += n;
            return n;
        }
    }

    /** A stream that reads in bulk; one byte is a bulk read of one. */
    private abstract static class BulkStream extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
    }
}
