package io.weir.sl651.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * Messages cut at the standard's limit (a 12-bit body length) go out as packets that the centre side's assembler
 * puts back together byte for byte; a message that fits stays one frame.
 */
class PacketSplitterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-07-18T01:00:00Z"));

    private static PacketSplitter.Envelope envelope(Encoding encoding) {
        return new PacketSplitter.Envelope(encoding, false, 1, "0062001200", 0x1234, FunctionCodes.QUERY_PERIOD,
                Markers.ETX);
    }

    private static byte[] body(int length) {
        byte[] body = new byte[length];
        Arrays.fill(body, (byte) '7');
        return body;
    }

    @Test
    void aBodyLongerThanAFrameTakesBecomesPacketsOfWholeFrames() throws Exception {
        for (Encoding encoding : Encoding.values()) {
            List<Frame> packets = PacketSplitter.split(envelope(encoding), body(9000), PacketSplitter.FRAME_BODY_LIMIT);
            assertThat(packets).hasSize(3);
            assertThat(packets).extracting(Frame::end).containsExactly(Markers.ETB, Markers.ETB, Markers.ETX);
            var whole = new ByteArrayOutputStream();
            for (Frame p : packets) {
                Frame decoded = FrameCodec.decode(FrameCodec.encode(p)); // each packet a valid frame
                assertThat(decoded.packetTotal()).isEqualTo(3);
                whole.writeBytes(decoded.body());
            }
            assertThat(whole.toByteArray()).isEqualTo(body(9000));
        }
    }

    @Test
    void theCentreSidesAssemblerPutsThePacketsBackTogether() {
        var assembler = new PacketAssembler(clock);
        Optional<Frame> whole = Optional.empty();
        for (Frame p : PacketSplitter.split(envelope(Encoding.ASCII), body(3000), 1000)) {
            whole = assembler.add(p);
        }
        assertThat(whole).get().extracting(Frame::body).isEqualTo(body(3000));
    }

    @Test
    void aBodyThatFitsStaysOneFrame() {
        assertThat(PacketSplitter.split(envelope(Encoding.HEX), body(4095), PacketSplitter.FRAME_BODY_LIMIT))
                .singleElement().extracting(Frame::multiPacket, Frame::end).containsExactly(false, Markers.ETX);
    }

    @Test
    void moreThanTheTwelveBitPacketCountIsRefused() {
        assertThatThrownBy(() -> PacketSplitter.split(envelope(Encoding.HEX), body(5000), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12 bits");
    }
}
